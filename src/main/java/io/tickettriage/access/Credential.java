package io.tickettriage.access;

/**
 * What a long-lived connection was authenticated with, kept so that it can be asked later whether it still
 * stands for anyone ({@link AccessTokens#ended}). Holds only the SHA-256 hash of the secret, never the secret.
 */
public record Credential(String hash) {

    @Override
    public String toString() {
        return "Credential[" + hash.substring(0, 8) + "...]";
    }
}
