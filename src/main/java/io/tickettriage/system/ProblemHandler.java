package io.tickettriage.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.UriUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Where failures in controllers become {@code application/problem+json} responses, made by {@link ProblemWriter}
 * as those of the filters are. Clients get a status and a human {@code detail} naming the field at fault, never a
 * stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(2);

    private final ProblemWriter problems;

    ProblemHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    /** Not found, conflict, invalid field, too large, unauthorized, forbidden, too many, unavailable. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return problems.entity(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        // an id in the path that cannot be one names nothing: 404, about what the path names
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return problem(HttpStatus.NOT_FOUND, "Not Found", "No " + resourceNamed(request.getRequestURI(),
                    String.valueOf(e.getValue())) + " with id '" + e.getValue() + "'");
        }
        return fieldProblem(e.getName(), "'" + e.getName() + "' has an invalid value '" + e.getValue() + "'");
    }

    /**
     * What kind of thing a path names by the id in it: the collection before the id, in the singular
     * ({@code /incidents/abc} names an incident, {@code /tickets/abc/comments} a ticket).
     */
    static String resourceNamed(String path, String id) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals(id) || UriUtils.decode(segments[i], StandardCharsets.UTF_8).equals(id)) {
                String collection = segments[i - 1];
                return collection.isEmpty() ? "resource"
                        : collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
            }
        }
        return "resource";
    }

    /**
     * The database is locked by another writer for longer than the lock wait, or cannot be reached: the request
     * changed nothing (its transaction never began or was rolled back), so the client may safely send it again.
     */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, UncategorizedSQLException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        if (e instanceof UncategorizedSQLException && !DatabaseFailures.isTransient(e)) {
            return ResponseEntity.internalServerError().body(unexpected(e));
        }
        return databaseBusy(e);
    }

    private ResponseEntity<ProblemDetail> databaseBusy(Throwable cause) {
        log.warn("Database unavailable, answering 503: {}", DatabaseFailures.describe(cause));
        return problems.entity(new ServiceUnavailableException("The database is busy or unreachable; nothing was "
                + "changed. Retry after the time in the Retry-After header.", DATABASE_RETRY_AFTER));
    }

    /**
     * A statement failed on a busy database and the rollback then failed too, because SQLite had already ended the
     * transaction ("cannot rollback - no transaction is active"). Judged by the failure that came first.
     */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ProblemDetail> transactionFailed(TransactionSystemException e) {
        Throwable first = e.getApplicationException() != null ? e.getApplicationException() : e;
        if (DatabaseFailures.isTransient(first)) {
            return databaseBusy(first);
        }
        return ResponseEntity.internalServerError().body(unexpected(e));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The server could not complete the request; it has been logged.");
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors();
        String detail = errors.stream()
                .map(error -> snakeCase(error.getField()) + " " + error.getDefaultMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request body is invalid");
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid field", detail);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", snakeCase(error.getField()), "message",
                        String.valueOf(error.getDefaultMessage())))
                .toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getAllErrors().stream()
                .map(error -> String.valueOf(error.getDefaultMessage()))
                .reduce((a, b) -> a + "; " + b)
                .orElse("A parameter is invalid");
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid parameter", detail));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                .reduce((a, b) -> a + " or " + b).orElse("another type");
        String detail = e.getContentType() == null
                ? "The request has no Content-Type header; send the body as " + supported
                : "Content-Type '" + e.getContentType() + "' is not accepted here; send the body as " + supported;
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", detail));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not Found",
                "Nothing at " + e.getHttpMethod() + " /" + e.getResourcePath()
                        + "; the API's endpoints are listed at /docs"));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return ProblemWriter.problem(tooLarge);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException number) {
                String field = fieldOf(number);
                return fieldProblem(field, field + " is out of range: " + firstLine(number.getOriginalMessage()));
            }
            if (cause instanceof StreamConstraintsException limit) {
                return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                        "The request body is beyond what is accepted: " + firstLine(limit.getOriginalMessage()));
            }
            if (cause instanceof StreamReadException) {
                return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                        "The request body is not valid JSON: " + firstLine(cause.getMessage()));
            }
            if (cause instanceof DatabindException databind && databind.getPath().isEmpty()
                    && !String.valueOf(databind.getOriginalMessage()).startsWith("No content")) {
                return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid body",
                        "The request body must be a JSON object; see the API documentation at /docs");
            }
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = fieldOf(databind);
                // a number field left out reaches Jackson as null for a primitive
                boolean missing = String.valueOf(databind.getOriginalMessage()).startsWith("Cannot map `null`");
                return fieldProblem(field, missing ? field + " is required"
                        : field + " has the wrong type; see the API documentation at /docs");
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                "The request body is missing or is not a JSON object");
    }

    /** The field a failure is about, as the client wrote it: {@code targets.[0].first_response_minutes}. */
    private static String fieldOf(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse("body");
    }

    /** A 422 about one field, written as a controller's {@link InvalidFieldException} is. */
    private static ProblemDetail fieldProblem(String field, String detail) {
        return ProblemWriter.problem(new InvalidFieldException(field, detail));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return ProblemWriter.problem(status, title, detail);
    }
}
