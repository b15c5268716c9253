/**
 * Text helpers for adapter error messages: values from requests are bounded and made printable before they reach a
 * caller or a log.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package io.gatehouse.plugins.aws.support.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
