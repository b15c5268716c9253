package io.gatehouse.policy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.policy.cfg} (optional): where the policy files are and how often they are checked. */
@ObjectClassDefinition(id = PolicyConfig.PID, name = "Gatehouse policy files",
        description = "The folder of YAML policy files (*.yaml, *.yml) and how often it is checked for changes. "
                + "A file with an error rejects the whole reload; the last good policy stays in force.")
public @interface PolicyConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.policy";

    /** @return the policy folder, relative to the Gatehouse home unless absolute */
    @AttributeDefinition(name = "Directory", description = "Folder of *.yaml / *.yml policy files; relative paths "
            + "are resolved against the Gatehouse home. Missing or empty: every call is denied.")
    String directory() default "etc/policy";

    /** @return milliseconds between two checks of the folder */
    @AttributeDefinition(name = "Poll interval (ms)", description = "How often the folder is checked for changes",
            min = "100", max = "60000")
    int poll_interval_ms() default 1000;
}
