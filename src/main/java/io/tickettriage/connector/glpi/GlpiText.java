package io.tickettriage.connector.glpi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GLPI's rich text as plain text for triage. GLPI 10 stores and returns a description HTML-escaped
 * ({@code &lt;p&gt;VPN drops&lt;/p&gt;}); GLPI 11 returns the HTML itself. Both become the words a requester wrote.
 */
final class GlpiText {

    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6])\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private GlpiText() {
    }

    static String plain(String glpi) {
        if (glpi == null || glpi.isBlank()) {
            return "";
        }
        String html = glpi.contains("&lt;") ? unescape(glpi) : glpi;
        String text = TAG.matcher(BREAK.matcher(html).replaceAll("\n")).replaceAll(" ");
        text = unescape(text).replace('\u00a0', ' ');
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    /** HTML for a follow-up: GLPI shows its content as rich text, so text is escaped and lines become breaks. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "<br>");
    }

    static String unescape(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> numeric(name, matcher.group());
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String numeric(String name, String original) {
        if (!name.startsWith("#")) {
            return original;
        }
        try {
            int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                    ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : original;
        } catch (NumberFormatException e) {
            return original;
        }
    }
}
