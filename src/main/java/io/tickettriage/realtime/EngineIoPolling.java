package io.tickettriage.realtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import io.socket.engineio.server.EngineIoServer;
import io.swagger.v3.oas.annotations.Hidden;
import io.tickettriage.system.ProblemException;
import io.tickettriage.system.ServiceUnavailableException;
import io.tickettriage.system.TooManyRequestsException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The HTTP long-polling transport of Socket.IO. WebSocket handshakes on the same path never reach it: they
 * are mapped first, to {@link EngineIoWebSocketHandler}.
 */
@Controller
@Hidden
class EngineIoPolling {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final EngineIoServer engineIo;
    private final LiveConnections live;
    private final BadPackets badPackets;

    EngineIoPolling(EngineIoServer engineIo, LiveConnections live, BadPackets badPackets) {
        this.engineIo = engineIo;
        this.live = live;
        this.badPackets = badPackets;
    }

    @RequestMapping(path = "/socket.io/", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.OPTIONS})
    void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean handshake = "GET".equals(request.getMethod()) && request.getParameter("sid") == null;
        if (handshake) {
            LiveConnections.Admission admission = live.fromAddress(request.getRemoteAddr());
            if (!admission.admitted()) {
                throw admission.refusal() == LiveConnections.Refusal.FULL
                        ? new ServiceUnavailableException("This server holds as many live connections as it may; "
                                + "retry after the time in the Retry-After header", RETRY_AFTER)
                        : new TooManyRequestsException("This address holds as many live connections as it may "
                                + "before they are identified", RETRY_AFTER);
            }
            SocketIoClients.HANDSHAKE.set(admission.place());
        }
        try {
            engineIo.handleRequest("POST".equals(request.getMethod()) ? new BufferedBody(request) : request,
                    response);
        } catch (RuntimeException e) {
            // the client's packet broke the parser (nesting, an unknown packet type): the client's fault, said once
            badPackets.refused("polling", request.getRemoteAddr(), e);
            if (!response.isCommitted()) {
                response.reset();
                throw new BadPacketException();
            }
        } finally {
            if (handshake && SocketIoClients.HANDSHAKE.get() != null) {
                // no connection took the place: the handshake failed
                SocketIoClients.HANDSHAKE.get().release();
            }
            SocketIoClients.HANDSHAKE.remove();
        }
    }

    /** 400 for a packet that could not be parsed. */
    static final class BadPacketException extends ProblemException {
        BadPacketException() {
            super(HttpStatus.BAD_REQUEST, "Bad Request", "The Socket.IO packet is malformed");
        }
    }

    /**
     * Engine.IO reads a POST body by its declared length, which a chunked request does not have; the body is
     * read here instead (within the application's size limit) and handed over with its length.
     */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request) throws IOException {
            super(request);
            try (ServletInputStream in = request.getInputStream()) {
                this.body = in.readAllBytes();
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
