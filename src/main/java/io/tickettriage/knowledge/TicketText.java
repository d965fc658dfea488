package io.tickettriage.knowledge;

import java.util.regex.Pattern;

/**
 * The text the engine reads from a ticket: title and description with what does not help routing taken
 * out (links, e-mail addresses, quoted replies), and capped in length.
 */
public final class TicketText {

    static final int MAX_CHARS = 2_000;

    private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^>.*$");
    private static final Pattern REPLY_HEADER = Pattern.compile(
            "(?is)(-{2,}\\s*original message\\s*-{2,}|\\non .{0,200} wrote:).*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TicketText() {
    }

    public static String of(String title, String description) {
        String body = description == null ? "" : description;
        body = REPLY_HEADER.matcher(body).replaceAll(" ");
        body = QUOTED_LINE.matcher(body).replaceAll(" ");
        String text = (title == null ? "" : title.strip()) + ". " + body;
        text = URL.matcher(text).replaceAll(" ");
        text = EMAIL.matcher(text).replaceAll(" ");
        text = CONTROL.matcher(text).replaceAll(" ");
        text = SPACE.matcher(text).replaceAll(" ").strip();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
