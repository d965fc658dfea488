package io.tickettriage.connector;

/** A webhook call that does not prove it comes from the helpdesk (missing or wrong signature): answered 401. */
public class WebhookRejected extends Exception {

    public WebhookRejected(String message) {
        super(message);
    }
}
