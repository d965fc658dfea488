package io.tickettriage.system;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, as a problem document instead of its HTML page. It answers the requests that Tomcat refuses
 * before the application sees them, such as a path holding {@code %00}, an encoded slash or a broken percent-encoding
 * ({@code /tickets/%zz}): 400, with the same {@code application/problem+json} body as every other refusal. Installed
 * as the host's error report valve ({@link SystemConfiguration}); Tomcat creates it by name, so it keeps no Spring
 * beans.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: only an error nobody answered yet, on a connection that can still take it.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", status);
        problem.put("detail", status == 400 ? "The request is not valid HTTP: check its path (percent-encoding, no %00)"
                + " and headers" : "The server could not answer this request");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell it
        }
    }
}
