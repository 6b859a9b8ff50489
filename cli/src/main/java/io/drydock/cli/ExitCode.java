package io.drydock.cli;

/**
 * What the process exit code tells a pipeline. Kept apart so that {@link #FAILED} means only a negative verdict (a
 * policy evaluation that failed, an analysis that failed) and never an error: a CI job gating on {@code evaluate check}
 * must not take an unreachable server for a failing image or the reverse.
 */
public enum ExitCode {

    /** The command did what was asked; for {@code evaluate check} the image passed, for {@code image wait} it is analysed. */
    OK(0),
    /** A negative verdict: the policy evaluation failed, or the image's analysis failed. */
    FAILED(1),
    /** The command could not do its work: bad usage or input, an error from the API, the API unreachable. */
    ERROR(2),
    /** {@code image wait} gave up: the analysis had not finished within {@code --timeout}. */
    TIMED_OUT(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code of a policy evaluation's {@code status} ({@code pass} or {@code fail}, Anchore §5.2). */
    public static ExitCode ofPolicyStatus(String status) {
        return switch (status == null ? "" : status) {
            case "pass" -> OK;
            case "fail" -> FAILED;
            default -> throw new CliException("the API answered an evaluation with status '" + status
                    + "'; expected pass or fail");
        };
    }

    /**
     * The exit code of an image's {@code analysis_status} once waiting is over, or null while the analysis is still to
     * come ({@code not_analyzed}, {@code analyzing}).
     */
    public static ExitCode ofAnalysisStatus(String status) {
        return switch (status == null ? "" : status) {
            case "analyzed" -> OK;
            case "analysis_failed" -> FAILED;
            case "not_analyzed", "analyzing" -> null;
            default -> throw new CliException("the API answered an image with analysis_status '" + status + "'");
        };
    }
}
