package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Clients that start a request and stop sending are dropped, with the product's default settings. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}"})
class SlowClientIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void dropsAConnectionThatStopsInTheMiddleOfItsHeaders() throws Exception {
        assertClosedBySever("GET /tickets HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    }

    @Test
    void dropsAConnectionThatStopsInTheMiddleOfItsBody() throws Exception {
        assertClosedBySever("POST /tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"title\": ");
    }

    @Test
    void holdsABoundedNumberOfConnections() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat((Integer) connector.getProperty("maxConnections")).isBetween(1, 2_000);
    }

    private void assertClosedBySever(String partialRequest) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(partialRequest.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // reads whatever answer comes, until the server closes; the test's own limit fails it otherwise
            Future<Integer> end = Executors.newVirtualThreadPerTaskExecutor().submit(() -> {
                try {
                    while (in.read() >= 0) {
                        // drain
                    }
                } catch (IOException e) {
                    // reset by the server: closed too
                }
                return -1;
            });
            assertThat(end.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }
}
