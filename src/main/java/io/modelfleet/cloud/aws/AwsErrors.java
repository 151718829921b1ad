package io.modelfleet.cloud.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns SDK failures into one line a person can act on; expired credentials say so plainly. */
public final class AwsErrors {

    private AwsErrors() {
    }

    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
                if ("ExpiredTokenException".equals(code) || "RequestExpired".equals(code)
                        || "ExpiredToken".equals(code)) {
                    return "AWS credentials have expired (" + code + "); renew them (IRSA refreshes automatically,"
                            + " static keys do not)";
                }
                return "AWS " + (aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().serviceName() + " ")
                        + "answered " + aws.statusCode() + " " + code + ": " + (aws.awsErrorDetails() == null
                                ? aws.getMessage() : aws.awsErrorDetails().errorMessage());
            }
            if (t instanceof SdkClientException client) {
                return "AWS could not be reached: " + client.getMessage();
            }
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
