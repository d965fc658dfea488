package io.tickettriage.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.jspecify.annotations.Nullable;

/**
 * Reads a message as far as it can be decoded: a malformed part, an unknown charset or a broken header costs that
 * part, noted in {@link InboundMail#problems()}, never the message. Charsets are the declared one when Java knows
 * it; otherwise UTF-8 when the bytes are valid UTF-8, else windows-1252 (a superset of ISO-8859-1, and what most
 * mail that lies about its charset is written in).
 */
final class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,500}>");
    private static final int MAX_PARTS = 100;
    private static final int MAX_DEPTH = 10;

    private MailParser() {
    }

    static InboundMail parse(Message message, @Nullable String ownAddress) {
        List<String> problems = new ArrayList<>();
        String sender = sender(message, problems);
        String subject = subject(message, problems);
        Body body = new Body();
        try {
            walk(message, body, problems, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            problems.add("the message's structure (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String text = body.plain != null ? body.plain : body.html != null ? MailText.htmlToText(body.html) : "";
        List<String> inReplyTo = new ArrayList<>(ids(header(message, "In-Reply-To")));
        List<String> references = new ArrayList<>(ids(header(message, "References")));
        java.util.Collections.reverse(references);
        LinkedHashSet<String> answered = new LinkedHashSet<>(inReplyTo);
        answered.addAll(references);
        return new InboundMail(messageId(message), sender, subject, MailText.body(text), List.copyOf(answered),
                LoopGuard.autoReply(message, sender, ownAddress, body.report), List.copyOf(body.attachments),
                List.copyOf(problems));
    }

    /** The Message-ID, or one derived from the whole message when it has none, so that it too is taken once. */
    static String messageId(Message message) {
        Matcher matcher = MESSAGE_ID.matcher(String.valueOf(header(message, "Message-ID")));
        if (matcher.find()) {
            return matcher.group();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                message.writeTo(out);
            } catch (IOException | MessagingException | RuntimeException unreadable) {
                digest.update(String.valueOf(header(message, "Date")).getBytes(StandardCharsets.UTF_8));
                digest.update(String.valueOf(header(message, "From")).getBytes(StandardCharsets.UTF_8));
                digest.update(String.valueOf(header(message, "Subject")).getBytes(StandardCharsets.UTF_8));
            }
            return "<" + HexFormat.of().formatHex(digest.digest()) + "@no-message-id>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> ids(@Nullable String header) {
        if (header == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find() && ids.size() < 50) {
            ids.add(matcher.group());
        }
        return ids;
    }

    static @Nullable String header(Part part, String name) {
        try {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String sender(Message message, List<String> problems) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
                    && address.getAddress() != null && address.getAddress().contains("@")) {
                return address.getAddress().strip().toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException | RuntimeException strict) {
            // a From header that does not follow the RFC: read it leniently below
        }
        String raw = header(message, "From");
        if (raw != null) {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
                    if (address.getAddress() != null && address.getAddress().contains("@")) {
                        return address.getAddress().strip().toLowerCase(Locale.ROOT);
                    }
                }
            } catch (AddressException e) {
                // fall through
            }
        }
        problems.add("the sender's address");
        return null;
    }

    private static String subject(Message message, List<String> problems) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException | RuntimeException e) {
            String raw = header(message, "Subject");
            if (raw == null) {
                return "";
            }
            try {
                return MimeUtility.decodeText(MimeUtility.unfold(raw));
            } catch (UnsupportedEncodingException | RuntimeException undecodable) {
                problems.add("the subject's encoding");
                return raw;
            }
        }
    }

    private static final class Body {
        @Nullable String plain;
        @Nullable String html;
        boolean report;
        int parts;
        final List<InboundMail.Attachment> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Body body, List<String> problems, int depth)
            throws MessagingException, IOException {
        if (++body.parts > MAX_PARTS || depth > MAX_DEPTH) {
            return;
        }
        String type = contentType(part);
        if (type.startsWith("multipart/report")) {
            body.report = true;
        }
        String filename = filename(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || filename != null;
        if (type.startsWith("multipart/") && !attachment) {
            Object content;
            try {
                content = part.getContent();
            } catch (MessagingException | IOException | RuntimeException e) {
                // a multipart without its boundary: keep what the text of it says
                problems.add("a multipart section (" + e.getMessage() + "); its raw text is kept");
                body.plain = body.plain == null ? text(part, null, problems) : body.plain;
                return;
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, body, problems, depth + 1);
                }
            }
            return;
        }
        if (!attachment && type.equals("text/plain") && body.plain == null) {
            body.plain = text(part, charset(part), problems);
        } else if (!attachment && type.equals("text/html") && body.html == null) {
            body.html = text(part, charset(part), problems);
        } else if (!attachment && type.startsWith("text/") && body.plain == null && !type.equals("text/html")) {
            body.plain = text(part, charset(part), problems);
        } else if (depth > 0 || attachment) {
            body.attachments.add(new InboundMail.Attachment(filename == null ? "(unnamed)" : filename, type,
                    size(part)));
        }
    }

    /** A text part decoded with its charset, or with the best guess when the charset is unknown or missing. */
    private static String text(Part part, @Nullable String declared, List<String> problems) throws MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = readBounded(in);
        } catch (IOException | RuntimeException e) {
            // an undecodable transfer encoding: the raw bytes are better than nothing
            try (InputStream raw = rawStream(part)) {
                bytes = readBounded(raw);
                problems.add("a transfer encoding (" + e.getMessage() + "); shown undecoded");
            } catch (IOException | RuntimeException unreadable) {
                problems.add("a text part (" + unreadable.getMessage() + ")");
                return "";
            }
        }
        Charset charset = knownCharset(declared);
        if (charset != null) {
            return new String(bytes, charset);
        }
        if (declared != null) {
            problems.add("the charset " + declared + " is unknown; read as " + (validUtf8(bytes) ? "UTF-8"
                    : "windows-1252"));
        }
        return new String(bytes, validUtf8(bytes) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"));
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof jakarta.mail.internet.MimePart mime && mime instanceof jakarta.mail.internet.MimeMessage message) {
            return message.getRawInputStream();
        }
        if (part instanceof jakarta.mail.internet.MimeBodyPart bodyPart) {
            return bodyPart.getRawInputStream();
        }
        throw new MessagingException("no raw content");
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) > 0 && total < 4 * MailText.MAX_DESCRIPTION; total += n) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static @Nullable Charset knownCharset(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String javaName = MimeUtility.javaCharset(name.strip());
        try {
            Charset charset = Charset.forName(javaName);
            // ISO-8859-1 is declared by mail written in windows-1252 so often that the superset is read instead
            return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
                    ? Charset.forName("windows-1252") : charset;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String contentType(Part part) {
        try {
            String raw = part.getContentType();
            return raw == null ? "text/plain" : new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static @Nullable String charset(Part part) {
        try {
            String raw = part.getContentType();
            return raw == null ? null : new ContentType(raw).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static long size(Part part) {
        try {
            return part.getSize();
        } catch (MessagingException | RuntimeException e) {
            return -1;
        }
    }
}
