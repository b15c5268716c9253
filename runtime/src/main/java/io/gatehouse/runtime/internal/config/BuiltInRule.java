package io.gatehouse.runtime.internal.config;

import java.util.List;

/** A check of a configuration file whose PID no metatype describes (e.g. Felix HTTP's, before it runs). */
@FunctionalInterface
public interface BuiltInRule {

    /**
     * @param file the file
     * @return what is wrong with it; empty when nothing is
     */
    List<ConfigProblem> check(CfgFile file);
}
