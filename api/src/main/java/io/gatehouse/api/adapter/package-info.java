/**
 * The {@link io.gatehouse.api.adapter.ServiceAdapter} extension point: one adapter per AWS service protocol turns
 * a signed HTTP request into an {@link io.gatehouse.api.exchange.AwsOperation} and exposes the fields of the answer.
 *
 * @since 1.0
 */
@Export
@Version("1.2.0")
package io.gatehouse.api.adapter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
