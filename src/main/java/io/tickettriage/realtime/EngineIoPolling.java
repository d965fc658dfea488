package io.tickettriage.realtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import io.socket.engineio.server.EngineIoServer;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

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

    private final EngineIoServer engineIo;

    EngineIoPolling(EngineIoServer engineIo) {
        this.engineIo = engineIo;
    }

    @RequestMapping(path = "/socket.io/", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.OPTIONS})
    void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        engineIo.handleRequest("POST".equals(request.getMethod()) ? new BufferedBody(request) : request, response);
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
