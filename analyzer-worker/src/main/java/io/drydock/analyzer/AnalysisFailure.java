package io.drydock.analyzer;

/**
 * The image cannot be analysed: a limit was exceeded, or a blob or the config is corrupt. Permanent for this image
 * and analyzer version, so the worker records {@code analysis_failed} with {@link #getMessage()} instead of retrying.
 * The message is shown to users: it is bounded in length and never carries a stack of library detail.
 */
public class AnalysisFailure extends RuntimeException {

    private static final int MAX_MESSAGE_LENGTH = 400;

    public AnalysisFailure(String message) {
        super(bounded(message));
    }

    public AnalysisFailure(String message, Throwable cause) {
        super(bounded(message), cause);
    }

    /** Shortens text taken from an image or a library so that it can go into a user-facing message. */
    public static String bounded(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
