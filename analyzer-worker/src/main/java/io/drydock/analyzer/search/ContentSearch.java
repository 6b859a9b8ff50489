package io.drydock.analyzer.search;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Searches small regular files line by line for secrets (Anchore's {@code secret_search}) and for what users
 * configure ({@code content_search}). Files larger than the size limit are not searched, as in Anchore. Lines are
 * read as UTF-8 with malformed bytes replaced; a regex is applied from the start of each line. Stateless and
 * thread-safe.
 */
public final class ContentSearch {

    /** Anchore's defaults ({@code analyzer_config.yaml}), unchanged so that existing policies keep matching. */
    public static final List<String> DEFAULT_SECRET_SEARCHES = List.of(
            "AWS_ACCESS_KEY=(?i).*aws_access_key_id( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9]).*",
            "AWS_SECRET_KEY=(?i).*aws_secret_access_key( *=+ *).*(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=]).*",
            "PRIV_KEY=(?i)-+BEGIN(.*)PRIVATE KEY-+",
            "DOCKER_AUTH=(?i).*\"auth\": *\".+\"",
            "API_KEY=(?i).*api(-|_)key( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20,60}(?![A-Z0-9]).*");
    /** Anchore's {@code MAXFILESIZE=10000}. */
    public static final int DEFAULT_MAX_FILE_SIZE = 10_000;
    /** Longest line searched: a regex with {@code .*} on a huge line would cost quadratic time. */
    private static final int MAX_LINE_LENGTH = 16 * 1024;
    /** Line numbers kept per search and file. */
    private static final int MAX_LINES = 100;

    private final List<NamedPattern> secrets;
    private final List<NamedPattern> contentSearches;
    private final int maxFileSize;

    public ContentSearch(List<NamedPattern> secrets, List<NamedPattern> contentSearches, int maxFileSize) {
        this.secrets = List.copyOf(secrets);
        this.contentSearches = List.copyOf(contentSearches);
        this.maxFileSize = maxFileSize;
    }

    public static ContentSearch defaults() {
        return new ContentSearch(DEFAULT_SECRET_SEARCHES.stream().map(NamedPattern::parse).toList(), List.of(),
                DEFAULT_MAX_FILE_SIZE);
    }

    public static ContentSearch none() {
        return new ContentSearch(List.of(), List.of(), DEFAULT_MAX_FILE_SIZE);
    }

    /** Whether a regular file of this size is searched at all. */
    public boolean wants(long size) {
        return size > 0 && size <= maxFileSize && (!secrets.isEmpty() || !contentSearches.isEmpty());
    }

    public FileMatches search(byte[] content) {
        Objects.requireNonNull(content, "content");
        List<String> lines = lines(content);
        return new FileMatches(matches(secrets, lines), matches(contentSearches, lines));
    }

    /** A fingerprint of the configuration, for the per-layer cache key: other searches give other findings. */
    public String fingerprint() {
        StringBuilder text = new StringBuilder().append(maxFileSize);
        secrets.forEach(p -> text.append("\u0000s").append(p.name()).append('=').append(p.regex()));
        contentSearches.forEach(p -> text.append("\u0000c").append(p.name()).append('=').append(p.regex()));
        return text.toString();
    }

    private static List<ContentMatch> matches(List<NamedPattern> patterns, List<String> lines) {
        List<ContentMatch> found = new ArrayList<>();
        for (NamedPattern pattern : patterns) {
            List<Integer> numbers = new ArrayList<>();
            Matcher matcher = pattern.pattern().matcher("");
            for (int i = 0; i < lines.size() && numbers.size() < MAX_LINES; i++) {
                if (matcher.reset(lines.get(i)).lookingAt()) {
                    numbers.add(i + 1);
                }
            }
            if (!numbers.isEmpty()) {
                found.add(new ContentMatch(pattern.name(), pattern.regex(), numbers));
            }
        }
        return found;
    }

    private static List<String> lines(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer text;
        try {
            text = decoder.decode(ByteBuffer.wrap(content));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                if (i < text.length() || end > start) {
                    lines.add(text.subSequence(start, Math.min(end, start + MAX_LINE_LENGTH)).toString());
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
