package io.gatehouse.tests.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link GatewayChain} the s3rver tests run against: the CLI (path-style addressing) with a client key, Gatehouse
 * started from its distribution with an endpoint file for {@code s3}, the {@link SigningUpstream} that checks the
 * re-signing with the upstream key, and s3rver behind it. s3rver only knows the key {@code S3RVER}, so that is the
 * upstream key here.
 */
final class S3Stack extends GatewayChain<S3rver> {

    final S3rver s3rver;

    private S3Stack(GatewayChain<S3rver> chain) {
        super(chain);
        this.s3rver = server;
    }

    /** Starts everything and waits until ListBuckets goes through Gatehouse. */
    static S3Stack start(String testName) {
        return new S3Stack(GatewayChain.start(new Spec<>(testName, S3rver::behindDouble, S3rver::endpoint,
                List.of("s3"), gatehouse -> { }, chain -> cli(chain.workDir, chain.gatehouse.endpoint(),
                        chain.clientKey).run("s3api", "list-buckets").ok(), S3rver.KEY)));
    }

    @Override
    AwsCli cli() {
        return cli(workDir, gatehouse.endpoint(), clientKey);
    }

    /** A CLI for {@code endpoint} that addresses buckets path-style whatever the endpoint looks like. */
    static AwsCli cli(Path workDir, URI endpoint, AccessKey key) {
        return AwsCli.withConfig(workDir, endpoint, REGION, "[default]\nregion = " + REGION
                + "\noutput = json\nmax_attempts = 1\nretry_mode = standard\naws_access_key_id = " + key.id()
                + "\naws_secret_access_key = " + key.secret() + "\ns3 =\n    addressing_style = path\n");
    }
}
