package io.drydock.gateway.sbom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored license field means in SPDX terms. The analyzer stores licenses as Anchore does: the values found,
 * joined with spaces (an apk {@code MIT AND Apache-2.0} arrives as {@code MIT Apache-2.0}, a Debian copyright file's
 * {@code GPL-2+} as it is written). A field that is one whole valid SPDX expression with an operator
 * ({@code MIT OR Apache-2.0}) is kept as that expression; any other field is split on spaces into licenses, each an
 * SPDX id when the SPDX license list has it (case-insensitively, written as the list spells it), else a name.
 *
 * @param expression a valid SPDX expression of listed ids, or null when the field is a list of licenses
 * @param licenses   the licenses of the list form, in order, without duplicates (empty with an expression)
 */
record PackageLicense(String expression, List<License> licenses) {

    /** Longer fields are not read as expressions: no real package declares one that long. */
    static final int MAX_EXPRESSION_LENGTH = 2_000;
    /** More licenses than this in one field are cut: the rest would be noise from a garbled field. */
    static final int MAX_LICENSES = 100;
    /** Parentheses nested deeper than this are not an expression a package declares. */
    private static final int MAX_DEPTH = 16;

    /** One license of the list form: an SPDX id, or (id null) a name the SPDX list does not have. */
    record License(String id, String name) {
    }

    static final PackageLicense NONE = new PackageLicense(null, List.of());

    PackageLicense {
        licenses = List.copyOf(licenses);
    }

    boolean isEmpty() {
        return expression == null && licenses.isEmpty();
    }

    static PackageLicense of(String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        String text = stored.strip();
        if (text.length() <= MAX_EXPRESSION_LENGTH) {
            Optional<Parsed> parsed = Expression.parse(text);
            if (parsed.isPresent() && parsed.get().compound()) {
                return new PackageLicense(parsed.get().text(), List.of());
            }
            // "(MIT)": one id in parentheses is that id.
            Optional<String> single = parsed.flatMap(p -> SpdxLicenseList.id(p.text().replace("(", "").replace(")", "")));
            if (single.isPresent()) {
                return new PackageLicense(null, List.of(new License(single.get(), null)));
            }
        }
        Set<License> licenses = new LinkedHashSet<>();
        for (String token : text.split("\\s+")) {
            if (licenses.size() == MAX_LICENSES) {
                break;
            }
            licenses.add(SpdxLicenseList.id(token).map(id -> new License(id, null))
                    .orElseGet(() -> new License(null, token)));
        }
        return new PackageLicense(null, new ArrayList<>(licenses));
    }

    /** A parsed expression written back with the list's spelling of each id and upper-case operators. */
    private record Parsed(String text, boolean compound) {
    }

    /**
     * SPDX 2.3 Annex D's expression grammar, restricted to ids of the SPDX license list (a {@code LicenseRef-} would
     * need its text in the document, which a stored field does not have): {@code id[+]}, {@code WITH exception},
     * {@code AND}, {@code OR} and parentheses, with operators in upper or lower case. Recursion is bounded by
     * {@link #MAX_DEPTH}.
     */
    private static final class Expression {

        private final List<String> tokens;
        private int position;
        private boolean compound;

        private Expression(List<String> tokens) {
            this.tokens = tokens;
        }

        static Optional<Parsed> parse(String text) {
            List<String> tokens = new ArrayList<>();
            for (String word : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
                tokens.add(word);
            }
            Expression expression = new Expression(tokens);
            StringBuilder out = new StringBuilder();
            if (!expression.compound(out, 0) || expression.position != tokens.size()) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(out.toString(), expression.compound));
        }

        private boolean compound(StringBuilder out, int depth) {
            if (depth > MAX_DEPTH || !term(out, depth)) {
                return false;
            }
            while (position < tokens.size() && isOperator(tokens.get(position), "and", "or")) {
                out.append(' ').append(tokens.get(position++).toUpperCase(Locale.ROOT)).append(' ');
                compound = true;
                if (!term(out, depth)) {
                    return false;
                }
            }
            return true;
        }

        private boolean term(StringBuilder out, int depth) {
            if (position >= tokens.size()) {
                return false;
            }
            String token = tokens.get(position++);
            if (token.equals("(")) {
                out.append('(');
                if (!compound(out, depth + 1) || position >= tokens.size() || !tokens.get(position++).equals(")")) {
                    return false;
                }
                out.append(')');
                return true;
            }
            String plus = token.endsWith("+") && SpdxLicenseList.id(token).isEmpty() ? "+" : "";
            Optional<String> id = SpdxLicenseList.id(plus.isEmpty() ? token : token.substring(0, token.length() - 1));
            if (id.isEmpty()) {
                return false;
            }
            out.append(id.get()).append(plus);
            if (position < tokens.size() && isOperator(tokens.get(position), "with")) {
                position++;
                Optional<String> exception = position < tokens.size()
                        ? SpdxLicenseList.id(tokens.get(position++)) : Optional.empty();
                if (exception.isEmpty()) {
                    return false;
                }
                out.append(" WITH ").append(exception.get());
                compound = true;
            }
            return true;
        }

        private static boolean isOperator(String token, String... names) {
            for (String name : names) {
                if (token.equals(name) || token.equals(name.toUpperCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The SPDX license and exception ids CycloneDX accepts as {@code license.id}: the enumeration of the
     * {@code spdx.schema.json} that cyclonedx-core-java ships beside its BOM schemas, so the two exports agree on
     * what an id is and a CycloneDX BOM never fails its schema over one.
     */
    static final class SpdxLicenseList {

        private static final Map<String, String> IDS = load();

        private SpdxLicenseList() {
        }

        static Optional<String> id(String candidate) {
            return Optional.ofNullable(IDS.get(candidate.toLowerCase(Locale.ROOT)));
        }

        private static Map<String, String> load() {
            try (InputStream in = org.cyclonedx.model.License.class.getResourceAsStream("/spdx.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("spdx.schema.json is missing from cyclonedx-core-java");
                }
                JsonNode ids = JsonMapper.builder().build().readTree(in).path("enum");
                Map<String, String> byLowerCase = new HashMap<>();
                ids.forEach(id -> byLowerCase.put(id.asString().toLowerCase(Locale.ROOT), id.asString()));
                return Map.copyOf(byLowerCase);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
