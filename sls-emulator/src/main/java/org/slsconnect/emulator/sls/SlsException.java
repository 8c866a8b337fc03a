package org.slsconnect.emulator.sls;

/**
 * An SLS error: the HTTP status plus the {@code errorCode}/{@code errorMessage} pair that the
 * server puts in its JSON error body. Thrown by the emulator's Java API too (e.g. creating a
 * logstore in an unknown project throws one with code {@code ProjectNotExist}).
 */
public class SlsException extends RuntimeException {
    private final int status;
    private final String errorCode;

    public SlsException(int status, String errorCode, String errorMessage) {
        super(errorMessage);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "SlsException{" + status + " " + errorCode + ": " + getMessage() + "}";
    }

    public static SlsException projectNotExist(String project) {
        return new SlsException(404, "ProjectNotExist", "The Project does not exist : " + project);
    }

    public static SlsException logstoreNotExist(String logstore) {
        return new SlsException(404, "LogStoreNotExist", "logstore " + logstore + " does not exist");
    }

    public static SlsException shardNotExist(int shard) {
        return new SlsException(400, "ShardNotExist", "Shard " + shard + " does not exist");
    }

    public static SlsException consumerGroupNotExist(String group) {
        return new SlsException(404, "ConsumerGroupNotExist", "consumer group " + group + " does not exist");
    }

    public static SlsException parameterInvalid(String message) {
        return new SlsException(400, "ParameterInvalid", message);
    }

    public static SlsException invalidCursor(String message) {
        return new SlsException(400, "InvalidCursor", message);
    }
}
