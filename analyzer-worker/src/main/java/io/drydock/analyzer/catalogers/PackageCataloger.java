package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import java.util.List;

/** Finds packages of one kind in the final file system. */
public interface PackageCataloger {

    /** The files this cataloger reads, so that the layer stack keeps them while streaming. */
    ContentSelector contentSelector();

    List<PackageRecord> catalog(ImageFileSystem fs, Distro distro);
}
