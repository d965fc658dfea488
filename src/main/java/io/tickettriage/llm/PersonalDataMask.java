package io.tickettriage.llm;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets in text before it leaves for a model: e-mail addresses, IBANs, card numbers,
 * phone numbers and other long numbers, and values given after words like "password" or "PIN". What routing
 * needs (the words) stays; what identifies a person or unlocks an account does not. Dates, times, IP addresses
 * and version numbers are kept: they help routing and match the number patterns only by accident.
 */
final class PersonalDataMask {

    private static final Pattern SECRET = Pattern.compile(
            "(?iu)\\b(password|passwort|passwd|pwd|passcode|pin|otp|mfa code|one-time code|token|api[ _-]?key|secret)"
                    + "(\\s*(?:is|was|:|=)\\s*)([^\\s,;]+)");
    private static final Pattern SECRET_VALUE = Pattern.compile("[\\d@#$%^&*_+=~!?]");
    private static final Pattern EMAIL = Pattern.compile(
            "(?u)[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern IBAN = Pattern.compile(
            "(?i)\\b[A-Z]{2}\\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\\b");
    /** Seven or more digits, possibly grouped with spaces, dots, dashes, slashes or parentheses. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,/-])\\+?\\(?\\d(?:[\\d().\\-/]|[ \\u00a0](?=[\\d(]))*\\d(?![\\w]|[.,/-]\\d)");
    private static final Pattern DATE = Pattern.compile(
            "(?:\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4})(?: \\d{1,2})?");
    private static final Pattern DOTTED = Pattern.compile("\\d+(?:\\.\\d+)+");

    private PersonalDataMask() {
    }

    static String mask(String text) {
        String masked = SECRET.matcher(text).replaceAll(m -> Matcher.quoteReplacement(secret(m)));
        masked = EMAIL.matcher(masked).replaceAll("[email]");
        masked = IBAN.matcher(masked).replaceAll(m -> digits(m.group()) >= 10 ? "[iban]" : Matcher.quoteReplacement(
                m.group()));
        return NUMBER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(number(m.group())));
    }

    /** "password is Hunter2!" hides the value; "password is expired" keeps the word routing needs. */
    private static String secret(MatchResult m) {
        String value = m.group(3);
        String trailing = "";
        while (!value.isEmpty() && ".!?:)".indexOf(value.charAt(value.length() - 1)) >= 0) {
            trailing = value.charAt(value.length() - 1) + trailing;
            value = value.substring(0, value.length() - 1);
        }
        boolean looksSecret = value.startsWith("\"") || value.startsWith("'") || SECRET_VALUE.matcher(value).find();
        return m.group(1) + m.group(2) + (looksSecret ? "[secret]" : value) + trailing;
    }

    private static String number(String candidate) {
        int digits = digits(candidate);
        if (digits < 7 || DATE.matcher(candidate).matches() || DOTTED.matcher(candidate).matches()) {
            return candidate;
        }
        String plain = candidate.replaceAll("\\D", "");
        if (digits >= 13 && digits <= 19 && luhn(plain)) {
            return "[card]";
        }
        return digits <= 15 ? "[phone]" : "[number]";
    }

    private static int digits(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
