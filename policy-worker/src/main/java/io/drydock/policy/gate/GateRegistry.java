package io.drydock.policy.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gates a bundle may name, looked up case-insensitively by name or alias. */
public final class GateRegistry {
    private final List<Gate<?>> gates;

    public GateRegistry(List<Gate<?>> gates) {
        this.gates = List.copyOf(gates);
    }

    /** Every gate Drydock implements plus the end-of-lifed ones Anchore still recognises. */
    public static GateRegistry standard() {
        List<Gate<?>> all = new ArrayList<>();
        all.add(AlwaysGate.create());
        all.add(DockerfileGate.create());
        all.add(VulnerabilitiesGate.create());
        all.add(MetadataGate.create());
        all.add(LicensesGate.create());
        all.add(FilesGate.create());
        all.add(PasswdFileGate.create());
        all.add(RetrievedFilesGate.create());
        all.add(SecretScansGate.create());
        all.addAll(EolGates.all());
        return new GateRegistry(all);
    }

    public Optional<Gate<?>> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return gates.stream().filter(g -> g.answersTo(name)).findFirst();
    }

    public List<Gate<?>> gates() {
        return gates;
    }
}
