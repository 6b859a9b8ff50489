package io.drydock.platform.versions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maven's ordering, as {@code org.apache.maven.artifact.versioning.ComparableVersion} of Maven 3.9 decides it.
 *
 * <p>A version is lower-cased and split into items at {@code .}, at {@code -} and at each change between digits and
 * non-digits. A {@code -}, and a change to digits after letters, start a nested list; a list sorts below a number
 * and above a qualifier. Numbers compare numerically ({@code 1.0 == 1}: trailing zeros, empty qualifiers and empty
 * lists are dropped from the end of each list). Known qualifiers sort {@code alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final = release < sp}, then any other qualifier, lexically; {@code a}, {@code b} and
 * {@code m} directly followed by a digit mean alpha, beta and milestone. Maven keeps a number's width in mind: one
 * of up to 9 digits (after leading zeros) sorts below one of 10 to 18 digits, which sorts below a longer one, even
 * when the digits are not ASCII ({@link Character#isDigit}). Maven accepts every string; Drydock refuses only
 * strings longer than {@value #MAX_LENGTH} characters.
 */
public final class MavenVersionComparator implements VersionComparator {

    static final int MAX_LENGTH = 512;

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final String RELEASE_INDEX = String.valueOf(QUALIFIERS.indexOf(""));

    @Override
    public String ecosystem() {
        return "Maven";
    }

    @Override
    public boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH;
    }

    @Override
    public int compare(String left, String right) {
        return Integer.signum(parse(left).compareTo(parse(right)));
    }

    private static ListItem parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("Maven", "null", "no version");
        }
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException("Maven", version.substring(0, 32) + "…",
                    "longer than " + MAX_LENGTH + " characters");
        }
        String text = version.toLowerCase(Locale.ENGLISH);
        ListItem root = new ListItem();
        List<ListItem> opened = new ArrayList<>();
        opened.add(root);
        ListItem list = root;
        boolean digits = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '-') {
                list.items.add(i == start ? Num.ZERO : item(digits, text.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = nest(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digits && i > start) {
                    // "1.0.0.X1" sorts as "1.0.0-X1": letters followed by digits become a qualifier of their own list
                    if (!list.items.isEmpty()) {
                        list = nest(list, opened);
                    }
                    list.items.add(Str.of(text.substring(start, i), true));
                    start = i;
                    list = nest(list, opened);
                }
                digits = true;
            } else {
                if (digits && i > start) {
                    list.items.add(item(true, text.substring(start, i)));
                    start = i;
                    list = nest(list, opened);
                }
                digits = false;
            }
        }
        if (text.length() > start) {
            if (!digits && !list.items.isEmpty()) {
                list = nest(list, opened);
            }
            list.items.add(item(digits, text.substring(start)));
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).normalize();
        }
        return root;
    }

    private static ListItem nest(ListItem parent, List<ListItem> opened) {
        ListItem child = new ListItem();
        parent.items.add(child);
        opened.add(child);
        return child;
    }

    private static Item item(boolean digits, String text) {
        return digits ? Num.of(text) : Str.of(text, false);
    }

    private sealed interface Item permits Num, Str, ListItem {
        /** Against {@code null}: how this item compares with an absent one (padding). */
        int compareTo(Item other);

        boolean isNull();
    }

    /** {@code width}: 0 up to 9 digits, 1 up to 18, 2 beyond, as Maven's int, long and BigInteger items. */
    private record Num(int width, BigInteger value) implements Item {
        static final Num ZERO = new Num(0, BigInteger.ZERO);

        static Num of(String digits) {
            int first = 0;
            while (first < digits.length() && digits.charAt(first) == '0') {
                first++;
            }
            String stripped = first == digits.length() ? digits : digits.substring(first);
            int width = stripped.length() <= 9 ? 0 : stripped.length() <= 18 ? 1 : 2;
            return new Num(width, new BigInteger(stripped));
        }

        @Override
        public int compareTo(Item other) {
            return switch (other) {
                case null -> value.signum() == 0 ? 0 : 1;
                case Num n -> width != n.width ? Integer.compare(width, n.width) : value.compareTo(n.value);
                case Str s -> 1;
                case ListItem l -> 1;
            };
        }

        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }
    }

    private record Str(String value) implements Item {
        static Str of(String text, boolean followedByDigit) {
            String value = text;
            if (followedByDigit && text.length() == 1) {
                value = switch (text.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> text;
                };
            }
            return new Str(switch (value) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> value;
            });
        }

        /** Known qualifiers by rank, then the others after them in lexical order (Maven's own encoding). */
        private static String rank(String qualifier) {
            int index = QUALIFIERS.indexOf(qualifier);
            return index < 0 ? QUALIFIERS.size() + "-" + qualifier : String.valueOf(index);
        }

        @Override
        public int compareTo(Item other) {
            return switch (other) {
                case null -> rank(value).compareTo(RELEASE_INDEX);
                case Num n -> -1;
                case Str s -> rank(value).compareTo(rank(s.value));
                case ListItem l -> -1;
            };
        }

        @Override
        public boolean isNull() {
            return value.isEmpty();
        }
    }

    private static final class ListItem implements Item {
        final List<Item> items = new ArrayList<>();

        /** Drops trailing nulls (0, "", empty lists), looking past nested lists as Maven does. */
        void normalize() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }

        @Override
        public int compareTo(Item other) {
            return switch (other) {
                case null -> {
                    for (Item item : items) {
                        int result = item.compareTo(null);
                        if (result != 0) {
                            yield result;
                        }
                    }
                    yield 0;
                }
                case Num n -> -1;
                case Str s -> 1;
                case ListItem l -> {
                    int size = Math.max(items.size(), l.items.size());
                    for (int i = 0; i < size; i++) {
                        Item left = i < items.size() ? items.get(i) : null;
                        Item right = i < l.items.size() ? l.items.get(i) : null;
                        int result = left == null ? -right.compareTo(null) : left.compareTo(right);
                        if (result != 0) {
                            yield result;
                        }
                    }
                    yield 0;
                }
            };
        }

        @Override
        public boolean isNull() {
            return items.isEmpty();
        }
    }
}
