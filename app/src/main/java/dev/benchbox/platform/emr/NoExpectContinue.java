package dev.benchbox.platform.emr;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Takes {@code Expect: 100-continue} off S3 uploads. The S3 client adds it to every PutObject and UploadPart;
 * S3-compatible servers that answer it with extra interim {@code 100 Continue} responses (Ceph RGW, moto's
 * server) make the SDK's Netty client fail the upload with "Status Code: 100" (aws-sdk-java-v2 #1969). The
 * expectation only saves sending a body the server would refuse, which a signed upload to a bucket we own
 * rarely is; client interceptors run after the S3 client's own, so the header is gone when the request is sent.
 */
final class NoExpectContinue implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader("Expect").isPresent() ? request.toBuilder().removeHeader("Expect").build() : request;
    }
}
