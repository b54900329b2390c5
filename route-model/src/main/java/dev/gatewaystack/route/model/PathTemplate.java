package dev.gatewaystack.route.model;

import dev.gatewaystack.route.Match;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route path such as {@code /api/accounts/{id}} or {@code /files/{name:[a-z]+}}: literal segments and
 * parameter segments, each parameter filling a whole segment. The single place that knows how a path is written
 * for Helidon and for nginx, and how two paths relate (covers, overlaps, which is more specific).
 */
public record PathTemplate(String path, List<Segment> segments) {

    /** A path segment: literal text or a parameter. */
    public sealed interface Segment permits Literal, Param {
    }

    /** A literal segment, matched as is. */
    public record Literal(String text) implements Segment {
    }

    /** A parameter segment; {@code regex} is null when any non-empty segment matches. */
    public record Param(String name, String regex) implements Segment {
        Pattern pattern() {
            return Pattern.compile(regex == null ? "[^/]+" : regex);
        }
    }

    /** Besides ASCII letters and digits, the characters a literal segment may carry. */
    private static final String LITERAL_PUNCTUATION = "._~!$&'()+,;=:@-";
    private static final String PCRE_META = "\\^$.|?*+()[]{}";

    public PathTemplate {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a route path.
     *
     * @throws InvalidPathException with a message saying what is wrong and how to write it instead
     */
    public static PathTemplate parse(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new InvalidPathException("path \"" + path + "\" must start with '/', e.g. \"/api/accounts\"");
        }
        if (path.equals("/")) {
            return new PathTemplate(path, List.of());
        }
        if (path.endsWith("/")) {
            throw new InvalidPathException("path \"" + path + "\" must not end with '/'; write \""
                    + path.substring(0, path.length() - 1) + "\" (use match = PREFIX for everything below it)");
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : path.substring(1).split("/", -1)) {
            if (raw.isEmpty()) {
                throw new InvalidPathException("path \"" + path + "\" has an empty segment ('//'); remove the extra '/'");
            }
            if (raw.startsWith("{") || raw.endsWith("}")) {
                Param param = parseParam(path, raw);
                if (!names.add(param.name())) {
                    throw new InvalidPathException("path \"" + path + "\" uses parameter {" + param.name()
                            + "} twice; give each parameter its own name");
                }
                segments.add(param);
            } else if (raw.equals(".") || raw.equals("..")) {
                throw new InvalidPathException("path \"" + path + "\" has a '" + raw + "' segment; write the path without it");
            } else if (!isLiteral(raw)) {
                throw new InvalidPathException("path \"" + path + "\" has segment \"" + raw
                        + "\" with characters a path may not carry here; use letters, digits and - . _ ~ "
                        + "(parameters are whole segments: {name} or {name:regex})");
            } else {
                segments.add(new Literal(raw));
            }
        }
        return new PathTemplate(path, segments);
    }

    private static Param parseParam(String path, String raw) {
        if (!(raw.startsWith("{") && raw.endsWith("}")) || raw.length() < 3) {
            throw new InvalidPathException("path \"" + path + "\" has segment \"" + raw
                    + "\"; a parameter fills a whole segment: {name} or {name:regex}");
        }
        String body = raw.substring(1, raw.length() - 1);
        int colon = body.indexOf(':');
        String name = colon < 0 ? body : body.substring(0, colon);
        if (!isParamName(name)) {
            throw new InvalidPathException("path \"" + path + "\" has parameter name \"" + name
                    + "\"; names are Java identifiers, e.g. {accountId}");
        }
        if (colon < 0) {
            return new Param(name, null);
        }
        String regex = body.substring(colon + 1);
        if (regex.isEmpty()) {
            throw new InvalidPathException("path \"" + path + "\" has an empty regex for {" + name
                    + "}; write {" + name + "} or {" + name + ":[0-9]+}");
        }
        if (regex.contains("\"") || regex.contains("\\\\") || hasWhitespace(regex)) {
            throw new InvalidPathException("regex \"" + regex + "\" of {" + name + "} in path \"" + path
                    + "\" contains a quote, whitespace or an escaped backslash, which the gateway cannot carry; "
                    + "use a simpler character class");
        }
        try {
            Pattern compiled = Pattern.compile(regex);
            if (compiled.matcher("").matches()) {
                throw new InvalidPathException("regex \"" + regex + "\" of {" + name + "} in path \"" + path
                        + "\" matches the empty string; a segment is never empty, use '+' instead of '*'");
            }
        } catch (PatternSyntaxException e) {
            throw new InvalidPathException("invalid regex \"" + regex + "\" for {" + name + "} in path \"" + path
                    + "\": " + e.getDescription() + " near index " + e.getIndex() + "; fix the regular expression");
        }
        return new Param(name, regex);
    }

    // Character loops, not regexes: the processor parses every route's path inside javac, mostly interpreted.

    private static boolean isLiteral(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!isAsciiLetterOrDigit(c) && LITERAL_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return !segment.isEmpty();
    }

    /** A Java-identifier-like name in ASCII: a letter or '_', then letters, digits or '_'. */
    private static boolean isParamName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c == '_' || (i == 0 ? isAsciiLetterOrDigit(c) && !(c >= '0' && c <= '9')
                    : isAsciiLetterOrDigit(c));
            if (!allowed) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Loops rather than streams: the processor calls these per route inside javac, mostly as interpreted code. */
    public List<String> paramNames() {
        List<String> names = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (s instanceof Param p) {
                names.add(p.name());
            }
        }
        return List.copyOf(names);
    }

    public boolean hasParams() {
        for (Segment s : segments) {
            if (s instanceof Param) {
                return true;
            }
        }
        return false;
    }

    /** The path with parameter names erased, so {@code /a/{x}} and {@code /a/{y}} have the same shape. */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append('/');
            if (s instanceof Literal l) {
                b.append(l.text());
            } else {
                Param p = (Param) s;
                b.append(p.regex() == null ? "{}" : "{:" + p.regex() + "}");
            }
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    /** The Helidon path pattern for this path and match. */
    public String helidonPattern(Match match) {
        if (match == Match.PREFIX) {
            return segments.isEmpty() ? "/*" : path + "[/*]";
        }
        return path;
    }

    /** An anchored PCRE that matches the request paths this template matches (for an nginx regex location). */
    public String nginxRegex(Match match) {
        StringBuilder b = new StringBuilder("^");
        for (Segment s : segments) {
            b.append('/');
            if (s instanceof Literal l) {
                for (char c : l.text().toCharArray()) {
                    if (PCRE_META.indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            } else {
                Param p = (Param) s;
                b.append(p.regex() == null ? "[^/]+" : "(?:" + p.regex() + ")");
            }
        }
        if (match == Match.PREFIX) {
            return segments.isEmpty() ? "^/" : b + "(?:/|$)";
        }
        return (segments.isEmpty() ? "^/" : b.toString()) + "$";
    }

    /** True when every request path matched by {@code other} is also matched by this one. */
    public boolean covers(Match match, PathTemplate other, Match otherMatch) {
        if (match == Match.EXACT && (otherMatch == Match.PREFIX || other.segments.size() != segments.size())) {
            return false;
        }
        if (other.segments.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segmentCovers(segments.get(i), other.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when some request path is matched by both templates. Parameters with different regexes are assumed to overlap. */
    public boolean overlaps(Match match, PathTemplate other, Match otherMatch) {
        int common = Math.min(segments.size(), other.segments.size());
        if (segments.size() != other.segments.size()) {
            boolean shorterIsPrefix = segments.size() < other.segments.size() ? match == Match.PREFIX : otherMatch == Match.PREFIX;
            if (!shorterIsPrefix) {
                return false;
            }
        }
        for (int i = 0; i < common; i++) {
            if (!segmentsOverlap(segments.get(i), other.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentCovers(Segment general, Segment specific) {
        if (general instanceof Literal g) {
            return specific instanceof Literal s && g.text().equals(s.text());
        }
        Param g = (Param) general;
        if (specific instanceof Literal s) {
            return g.pattern().matcher(s.text()).matches();
        }
        Param s = (Param) specific;
        return g.regex() == null || g.regex().equals(s.regex());
    }

    private static boolean segmentsOverlap(Segment a, Segment b) {
        if (a instanceof Literal la && b instanceof Literal lb) {
            return la.text().equals(lb.text());
        }
        if (a instanceof Param pa && b instanceof Literal lb) {
            return pa.pattern().matcher(lb.text()).matches();
        }
        if (a instanceof Literal la && b instanceof Param pb) {
            return pb.pattern().matcher(la.text()).matches();
        }
        return true;
    }

    /**
     * Orders two (path, match) pairs, most specific first: exact before prefix; then, segment by segment, a literal
     * before a parameter with a regex before a plain parameter; then longer before shorter. Helidon registration and
     * nginx regex locations both follow this order, so the service and the gateway pick the same route.
     */
    public static int compareSpecificity(PathTemplate a, Match ma, PathTemplate b, Match mb) {
        if (ma != mb) {
            return ma == Match.EXACT ? -1 : 1;
        }
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(rank(a.segments.get(i)), rank(b.segments.get(i)));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(b.segments.size(), a.segments.size());
        return c != 0 ? c : a.shape().compareTo(b.shape());
    }

    private static int rank(Segment s) {
        if (s instanceof Literal) {
            return 0;
        }
        return ((Param) s).regex() != null ? 1 : 2;
    }

    @Override
    public String toString() {
        return path;
    }
}
