package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.catalogers.apk.ApkCataloger;
import io.drydock.analyzer.catalogers.dpkg.DpkgCataloger;
import io.drydock.analyzer.catalogers.java.JavaArchiveCataloger;
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
                        new ApkCataloger()),
                List.of(
                        new JavaArchiveCataloger()));
    }
}
