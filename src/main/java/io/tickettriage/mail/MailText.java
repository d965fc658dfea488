package io.tickettriage.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person wrote in a mail, without what their mail client added: reply and forward prefixes in the subject,
 * HTML markup, the quoted message being answered with its header line, and the signature.
 */
final class MailText {

    static final int MAX_TITLE = 200;
    static final String NO_SUBJECT = "(no subject)";
    static final int MAX_DESCRIPTION = 20_000;

    /** Re:, Fwd:, and their German (AW, WG), French (TR), Nordic (SV, VS) and Dutch (Antw) forms, repeated. */
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*(?:(?:re|fwd?|aw|wg|tr|sv|vs|antw|rif|ref)(?:\\[\\d+])?\\s*[:：]\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TICKET_TAG = Pattern.compile("\\[#(\\d{1,18})]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Cc}]+");

    private static final Pattern HTML_DROPPED = Pattern.compile(
            "(?is)<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern HTML_BLOCKQUOTE = Pattern.compile("(?is)<blockquote\\b.*?</blockquote\\s*>");
    private static final Pattern HTML_BREAK = Pattern.compile(
            "(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|/table|hr)\\b[^>]*>");
    private static final Pattern HTML_ITEM = Pattern.compile("(?i)<\\s*li\\b[^>]*>");
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("hellip", "…"), Map.entry("euro", "€"),
            Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"), Map.entry("Auml", "Ä"),
            Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"), Map.entry("eacute", "é"),
            Map.entry("egrave", "è"), Map.entry("agrave", "à"), Map.entry("ccedil", "ç"), Map.entry("rsquo", "’"),
            Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"), Map.entry("ldquo", "“"), Map.entry("copy", "©"));

    /** Where the quoted message starts: the line a mail client writes above it. */
    private static final List<Pattern> QUOTE_HEADERS = List.of(
            Pattern.compile("(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|"
                    + "forwarded message|weitergeleitete nachricht)\\s*-{2,}\\s*$"),
            Pattern.compile("(?i)^\\s*(on|am|le|op|el|il)\\s.{0,200}\\s(wrote|schrieb|a écrit|schreef|escribió|"
                    + "ha scritto)(\\s.{0,200})?:\\s*$"),
            Pattern.compile("^_{10,}\\s*$"));
    /** Outlook's block above a quoted message: a From: line followed by Sent: or Date:. */
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de|van)\\s*:\\*?\\s*.+$");
    private static final Pattern OUTLOOK_SENT = Pattern.compile(
            "(?i)^\\s*\\*?(sent|date|gesendet|datum|envoyé|verzonden)\\s*:\\*?\\s*.+$");
    /** The start of a signature: the standard "-- " line, or a mobile client's sign-off. */
    private static final List<Pattern> SIGNATURE_STARTS = List.of(
            Pattern.compile("^-- ?$"),
            Pattern.compile("(?i)^\\s*(sent from my|von meinem|envoyé de mon|get outlook for)\\b.*$"));

    private MailText() {
    }

    /** The subject as a ticket title: without reply and forward prefixes, on one line, capped. */
    static String title(String subject) {
        String title = SPACES.matcher(subject == null ? "" : subject).replaceAll(" ").strip();
        String previous;
        do {
            previous = title;
            title = REPLY_PREFIX.matcher(title).replaceFirst("").strip();
        } while (!title.equals(previous));
        title = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE).strip() + "…" : title;
        return title.isEmpty() ? NO_SUBJECT : title;
    }

    /** The ticket number in a subject such as {@code Re: [#123] Printer jammed}. */
    static OptionalLong ticketTag(String subject) {
        Matcher matcher = TICKET_TAG.matcher(subject == null ? "" : subject);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** An HTML body as plain text: paragraphs and line breaks kept, quoted blocks, scripts and styles dropped. */
    static String htmlToText(String html) {
        String text = HTML_DROPPED.matcher(html).replaceAll("");
        text = HTML_BLOCKQUOTE.matcher(text).replaceAll("\n");
        text = HTML_ITEM.matcher(text).replaceAll("\n- ");
        text = HTML_BREAK.matcher(text).replaceAll("\n");
        text = HTML_TAG.matcher(text).replaceAll("");
        text = text.replaceAll("[ \\t\\x0B\\f\\r]+", " ");
        text = decodeEntities(text);
        return text.replaceAll("(?m)^ +| +$", "").replaceAll("\n{3,}", "\n\n").strip();
    }

    /** The new part of a message: everything above the quoted message, without quoted lines and signature. */
    static String body(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean quoteStarts = matchesAny(QUOTE_HEADERS, line) || OUTLOOK_FROM.matcher(line).matches()
                    && i + 1 < lines.length && OUTLOOK_SENT.matcher(lines[i + 1]).matches();
            if (quoteStarts && !kept.stream().allMatch(String::isBlank)) {
                break;
            }
            if (matchesAny(SIGNATURE_STARTS, line)) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        String body = String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
        return body.length() > MAX_DESCRIPTION ? body.substring(0, MAX_DESCRIPTION) + "\n…" : body;
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(line).matches());
    }

    private static String decodeEntities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String entity = matcher.group(1);
            String replacement;
            if (entity.startsWith("#")) {
                int code;
                try {
                    code = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X')
                            ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                } catch (NumberFormatException e) {
                    code = -1;
                }
                replacement = Character.isValidCodePoint(code) && code != 0 ? Character.toString(code)
                        : matcher.group();
            } else {
                replacement = ENTITIES.getOrDefault(entity, matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
