package io.tickettriage.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks from becoming a way into the internal network (server-side request forgery): a target must be an
 * {@code http} or {@code https} URL whose host resolves only to public addresses, unless
 * {@code TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true}. The address is checked when the subscription is made and again before
 * every attempt, since what a name resolves to can change after it was accepted.
 */
final class TargetGuard {

    static final int MAX_URL_LENGTH = 2000;

    /** The target is not acceptable; the message says why, in words an admin can act on. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The host name could not be resolved now; it may later. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }

    private final boolean allowPrivate;

    TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Checks the form of a URL, without resolving it. */
    URI parse(String url) throws Refused {
        if (url.length() > MAX_URL_LENGTH) {
            throw new Refused("url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("url must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("url names no host");
        }
        if (uri.getRawUserInfo() != null) {
            // it would be shown in every listing; the secret is the way to authenticate deliveries
            throw new Refused("url must not contain a user name or password");
        }
        return uri;
    }

    /** Resolves the host and refuses it when any of its addresses is not a public one (unless allowed). */
    void checkAddress(URI uri) throws Refused, Unresolved {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Unresolved("host '" + uri.getHost() + "' does not resolve");
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("host '" + uri.getHost() + "' is a loopback, link-local or private address ("
                        + address.getHostAddress() + "); set TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true to allow it");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7, IPv6's private range
                return false;
            }
            if (isEmbeddedIpv4(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code ::a.b.c.d} and {@code ::ffff:a.b.c.d}, which reach the IPv4 address they carry. */
    private static boolean isEmbeddedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }
}
