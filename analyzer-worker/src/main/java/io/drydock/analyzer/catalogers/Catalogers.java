package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.catalogers.apk.ApkCataloger;
import io.drydock.analyzer.catalogers.binary.BinaryCataloger;
import io.drydock.analyzer.catalogers.dotnet.DepsJsonCataloger;
import io.drydock.analyzer.catalogers.dpkg.DpkgCataloger;
import io.drydock.analyzer.catalogers.go.GoModCataloger;
import io.drydock.analyzer.catalogers.golang.GoBinaryCataloger;
import io.drydock.analyzer.catalogers.java.JavaArchiveCataloger;
import io.drydock.analyzer.catalogers.npm.NpmInstalledCataloger;
import io.drydock.analyzer.catalogers.npm.NpmLockCataloger;
import io.drydock.analyzer.catalogers.php.ComposerCataloger;
import io.drydock.analyzer.catalogers.python.PythonCataloger;
import io.drydock.analyzer.catalogers.rpm.RpmCataloger;
import io.drydock.analyzer.catalogers.ruby.GemfileLockCataloger;
import io.drydock.analyzer.catalogers.ruby.GemspecCataloger;
import io.drydock.analyzer.catalogers.rust.CargoAuditableCataloger;
import io.drydock.analyzer.catalogers.rust.CargoLockCataloger;
import java.util.List;

/**
 * The catalogers an analysis runs: those that read selected files of the final file system (package databases,
 * manifests that need their neighbours) and those that read single files as the layers stream past (archives,
 * binaries). Adding one here changes results: bump {@link io.drydock.analyzer.ImageAnalyzer#VERSION}.
 */
public record Catalogers(List<PackageCataloger> packageCatalogers, List<FileCataloger> fileCatalogers) {

    public Catalogers {
        packageCatalogers = List.copyOf(packageCatalogers);
        fileCatalogers = List.copyOf(fileCatalogers);
    }

    public static Catalogers defaults() {
        return new Catalogers(
                List.of(
                        new DpkgCataloger(),
                        new ApkCataloger(),
                        new RpmCataloger(),
                        new PythonCataloger()),
                List.of(
                        new JavaArchiveCataloger(),
                        new NpmInstalledCataloger(),
                        new NpmLockCataloger(),
                        new GemspecCataloger(),
                        new GemfileLockCataloger(),
                        new ComposerCataloger(),
                        new DepsJsonCataloger(),
                        new GoModCataloger(),
                        new CargoLockCataloger(),
                        new GoBinaryCataloger(),
                        new CargoAuditableCataloger(),
                        new BinaryCataloger()));
    }
}
