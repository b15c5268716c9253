/**
 * Immutable values that flow through the Gatehouse pipeline: who is calling ({@link io.gatehouse.api.exchange.Identity}),
 * what the call does ({@link io.gatehouse.api.exchange.AwsOperation}), what was decided about it
 * ({@link io.gatehouse.api.exchange.Decision}) and read-only views of the HTTP request and response.
 *
 * @since 1.0
 */
@Export
@Version("1.2.0")
package io.gatehouse.api.exchange;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
