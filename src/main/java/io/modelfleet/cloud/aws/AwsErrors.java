package io.modelfleet.cloud.aws;

import io.modelfleet.api.security.WithheldDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns SDK failures into one line a person can act on; expired credentials say so plainly. Connection failures
 * withhold the endpoint's host and address ({@link WithheldDetails}): these lines reach non-admins.
 */
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
                // The SDK's message names the endpoint host, its addresses and port: kept in the server log.
                return WithheldDetails.withhold("AWS could not be reached", client);
            }
        }
        if (WithheldDetails.isNetworkFailure(e)) {
            return WithheldDetails.withhold("AWS could not be reached", e);
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
