package org.civicflow.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Normalized forms of a request's path, for guards that must not be bypassed by spelling:
 * percent-encoding, path parameters ({@code ;x=y}), repeated or back slashes, dot segments, a
 * trailing slash or letter case. Both the raw URI (as JAX-RS reads it) and the container's decoded
 * servlet path are normalized; a guard applies when either form matches. Letter case is kept (engine
 * names are case-sensitive); guards compare case-insensitively.
 */
final class RequestPaths {

    private RequestPaths() {
    }

    /** Normalized candidates, without the context path: "/a/b" form, no trailing slash. */
    static Set<String> candidates(HttpServletRequest request) {
        Set<String> candidates = new LinkedHashSet<>();
        String uri = request.getRequestURI();
        if (uri != null) {
            String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
            String path = !contextPath.isEmpty() && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
            candidates.add(normalize(percentDecode(path)));
            // a path that decodes to another encoded path is suspicious: check the twice-decoded form too
            candidates.add(normalize(percentDecode(percentDecode(path))));
        }
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        candidates.add(normalize(servletPath + pathInfo));
        return candidates;
    }

    static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).strip();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(name);
        }
        return "/" + String.join("/", segments);
    }

    /** Lenient %XX decoding as UTF-8: malformed escapes stay as they are ('+' is not a space in a path). */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    /** True when {@code path} is {@code prefix} or lies below it (both normalized), ignoring case. */
    static boolean isAtOrBelow(String path, String prefix) {
        String p = path.toLowerCase(Locale.ROOT);
        String base = prefix.toLowerCase(Locale.ROOT);
        return p.equals(base) || base.equals("/") || p.startsWith(base + "/");
    }

    /** The segments of a normalized path below a normalized prefix it is at or below. */
    static List<String> segmentsBelow(String path, String prefix) {
        String rest = prefix.equals("/") ? path : path.substring(Math.min(prefix.length(), path.length()));
        return rest.length() <= 1 ? List.of() : List.of(rest.substring(1).split("/"));
    }
}
