package io.gatehouse.proxy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the data plane: {@code etc/io.gatehouse.proxy.cfg}. */
@ObjectClassDefinition(id = ProxyConfig.PID, name = "Gatehouse data plane",
        description = "Where AWS clients reach the gateway, and the limits every call is held to.")
public @interface ProxyConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.proxy";

    /** @return the interface to listen on */
    @AttributeDefinition(name = "Host", description = "Address the data plane listens on. Loopback by default; "
            + "0.0.0.0 exposes it to the network.")
    String host() default "127.0.0.1";

    /** @return the port */
    @AttributeDefinition(name = "Port", description = "TCP port of the data plane.", min = "1", max = "65535")
    int port() default 7700;

    /** @return the largest request header block */
    @AttributeDefinition(name = "Max header bytes", description = "Largest request header block accepted.",
            min = "1024", max = "1048576")
    int max_header_bytes() default 16384;

    /** @return the largest request body */
    @AttributeDefinition(name = "Max body bytes", description = "Largest request body accepted (413 beyond).",
            min = "0", max = "1073741824")
    long max_body_bytes() default 16777216L;

    /** @return the largest streamed upload */
    @AttributeDefinition(name = "Max streamed body bytes", description = "Largest S3 upload (PutObject, UploadPart) "
            + "streamed through the gateway (413 beyond); the gateway holds only a few MiB of it at a time.",
            min = "0", max = "5497558138880")
    long max_streamed_body_bytes() default 5368709120L;

    /** @return whether uploads are verified completely before the upstream sees them */
    @AttributeDefinition(name = "Verify uploads before forwarding", description = "Spool streamed S3 uploads to a "
            + "private temporary file and start the upstream request only once the whole body passed its payload "
            + "hash or chunk signature check. Needed for upstreams that keep whatever part of an aborted upload "
            + "reached them (S3 emulators such as s3rver); AWS S3 discards aborted uploads, so the default streams "
            + "them through and aborts on a failed check.")
    boolean verify_uploads_before_forwarding() default false;

    /** @return the largest upstream answer */
    @AttributeDefinition(name = "Max response bytes", description = "Largest upstream answer held (502 beyond); "
            + "successful GET answers over 256 KiB are streamed and not limited by this.",
            min = "1024", max = "1073741824")
    long max_response_bytes() default 67108864L;

    /** @return the time a call may take end to end */
    @AttributeDefinition(name = "Request timeout (s)", description = "Time a call may take end to end; below the "
            + "60 s after which AWS clients give up.", min = "1", max = "3600")
    int request_timeout_seconds() default 55;

    /** @return how long a call that needs approval is held before the client is told it is pending */
    @AttributeDefinition(name = "Approval hold (s)", description = "How long a call that needs approval waits for "
            + "reviewers on its connection before the client gets ApprovalPending (it then runs the same command "
            + "again once approved). Kept at least 5 s below the request timeout.", min = "0", max = "50")
    int approval_hold_seconds() default 20;

    /** @return the upstream connect/read timeout */
    @AttributeDefinition(name = "Upstream timeout (s)", description = "Connect and read timeout towards upstreams.",
            min = "1", max = "3600")
    int upstream_timeout_seconds() default 30;

    /** @return how long an idle client connection is kept */
    @AttributeDefinition(name = "Idle timeout (s)", description = "Idle client connections are closed after this.",
            min = "1", max = "3600")
    int idle_timeout_seconds() default 60;

    /** @return the accepted difference between the client's clock and ours */
    @AttributeDefinition(name = "Max clock skew (s)", description = "Signed requests older or newer than this are "
            + "refused, as AWS does (300 s).", min = "1", max = "900")
    int max_clock_skew_seconds() default 300;

    /** @return the most upstream connections */
    @AttributeDefinition(name = "Max upstream connections", description = "Most connections held to upstreams.",
            min = "1", max = "100000")
    int max_upstream_connections() default 256;

    /** @return the upstream account id */
    @AttributeDefinition(name = "Account id", description = "AWS account (12 digits) of the upstream, used in the "
            + "resource ARNs that policy and recordings see.")
    String account_id() default "000000000000";

    /** @return the AWS partition */
    @AttributeDefinition(name = "Partition", description = "AWS partition used in ARNs.",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "aws", value = "aws"),
                @org.osgi.service.metatype.annotations.Option(label = "aws-cn", value = "aws-cn"),
                @org.osgi.service.metatype.annotations.Option(label = "aws-us-gov", value = "aws-us-gov")})
    String partition() default "aws";
}
