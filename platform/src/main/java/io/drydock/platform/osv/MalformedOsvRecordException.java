package io.drydock.platform.osv;

/** An OSV record that breaks the schema; the message names the record (when its id could be read) and the problem. */
public class MalformedOsvRecordException extends Exception {

    private final String recordId;
    private final String problem;

    public MalformedOsvRecordException(String recordId, String problem) {
        this(recordId, problem, null);
    }

    public MalformedOsvRecordException(String recordId, String problem, Throwable cause) {
        super((recordId == null ? "OSV record without a readable id" : "OSV record " + recordId)
                + " is malformed: " + problem, cause);
        this.recordId = recordId;
        this.problem = problem;
    }

    /** The record's id, or null when the id itself is missing or unreadable. */
    public String recordId() {
        return recordId;
    }

    /** What is wrong, with the JSON path of the offending field. */
    public String problem() {
        return problem;
    }
}
