package io.tickettriage.system;

/**
 * A setting that cannot work ({@code TRIAGE_ZAMMAD_URL=notaurl}, an SMTP address without a sender...), found while
 * the application starts. Its message names the setting as users write it and says what it must be; the start-up
 * report shows that message alone ({@link InvalidSettingFailureAnalyzer}), not the beans that were being made.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
