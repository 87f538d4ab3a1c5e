package org.civicflow.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** User name and password from an HTTP Basic {@code Authorization} header (UTF-8). */
record BasicCredentials(String userId, String password) {

    static Optional<BasicCredentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
