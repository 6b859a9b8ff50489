package io.drydock.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The base of every command group: the shared client and output of the {@link DrydockCli} the group runs under. */
public abstract class ApiCommand {

    @Spec
    protected CommandSpec spec;

    protected DrydockCli cli() {
        return (DrydockCli) spec.root().userObject();
    }

    protected ApiClient api() {
        return cli().api();
    }

    protected Output output() {
        return cli().output();
    }
}
