package io.drydock.gateway.archive;

import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.image.ImageService;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageSource;
import io.drydock.platform.objectstore.ArchivedImages;
import io.drydock.platform.objectstore.ObjectStore;
import io.drydock.platform.objectstore.ObjectStoreUnavailableException;
import io.drydock.platform.objectstore.ObjectTooLargeException;
import io.drydock.platform.objectstore.Sha256CheckingInputStream;
import io.drydock.platform.objectstore.Sha256CheckingInputStream.ContentDigestMismatchException;
import io.drydock.platform.registry.Descriptor;
import io.drydock.platform.registry.ImageReference;
import io.drydock.platform.registry.InvalidImageReferenceException;
import io.drydock.platform.registry.Platform;
import io.drydock.platform.registry.ResolvedImage;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Takes an uploaded {@code docker-archive} or {@code oci-archive} into the catalog: picks the image, copies its
 * manifest, config and layers into the object store (each verified against its digest; the manifest last, so a
 * half-copied image is never taken for whole) and records it like an image added by tag, with the archive as its
 * source. Nothing is recorded when the archive is refused.
 */
@Service
public class ArchiveImports {

    private static final Logger log = LoggerFactory.getLogger(ArchiveImports.class);

    private final ObjectStore store;
    private final ImageService images;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final int maxEntries;
    private final long maxCompressedBytes;

    public ArchiveImports(ObjectStore store, ImageService images, DSLContext dsl, TransactionTemplate transactions,
                          @Value("${drydock.archive.max-entries:100000}") int maxEntries,
                          @Value("${drydock.archive.max-compressed-bytes:10737418240}") long maxCompressedBytes) {
        this.store = store;
        this.images = images;
        this.dsl = dsl;
        this.transactions = transactions;
        this.maxEntries = maxEntries;
        this.maxCompressedBytes = maxCompressedBytes;
    }

    /**
     * @param upload   the uploaded tar, on local disk
     * @param tag      the name to record the image under; null to take the archive's own (only name)
     * @param format   {@code docker-archive}, {@code oci-archive}, or null to detect
     * @param platform which image of a multi-platform archive; null for linux/amd64
     */
    public Image importArchive(String account, Path upload, String tag, String format, String platform,
                               boolean force, boolean autosubscribe) {
        Platform wanted = ImageService.parsePlatform(platform);
        try (ImageArchive archive = ImageArchive.open(upload, maxEntries)) {
            ImageArchive.SelectedImage image = archive.select(format == null || format.isBlank() ? null
                    : ImageArchive.Format.parse(format), tag, wanted);
            ImageReference name = nameOf(tag, image);
            if (image.compressedSize() > maxCompressedBytes) {
                throw ApiException.badRequest("image in the archive is " + image.compressedSize()
                        + " bytes of layers; the limit is " + maxCompressedBytes);
            }
            ResolvedImage resolved = new ResolvedImage(image.digest(), image.parentDigest(), image.manifestBytes(),
                    image.mediaType(), image.parentBytes() == null ? image.manifestBytes() : image.parentBytes(),
                    image.config().digest(), image.layers().stream()
                            .map(l -> new Descriptor(l.mediaType(), l.digest(), l.size())).toList(),
                    image.compressedSize());
            log.info("Archive upload for account {}: {} as {} ({} layers, {} bytes)", account, image.digest(),
                    name, image.layers().size(), image.compressedSize());
            // Copy and record under the image's archive lock: the sweep of unreferenced archives cannot remove the
            // objects between this copy (or the finding that they are already there) and the record that keeps them.
            return transactions.execute(status -> {
                dsl.execute("select pg_advisory_xact_lock({0}, hashtext({1}))", DSL.val(ArchivedImages.LOCK_CLASS),
                        DSL.val(image.digest()));
                try {
                    copyIntoStore(archive, image);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return images.record(account, name, wanted, resolved, force, autosubscribe, ImageSource.ARCHIVE);
            });
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (IOException e) {
            throw translate(e);
        } catch (ArchiveException e) {
            throw ApiException.badRequest("cannot read the image archive: " + e.getMessage());
        } catch (ObjectStoreUnavailableException e) {
            throw ApiException.withCode(503, e.getMessage(), "OBJECT_STORE_UNAVAILABLE");
        }
    }

    private static RuntimeException translate(IOException e) {
        if (e instanceof ContentDigestMismatchException) {
            return ApiException.badRequest("cannot read the image archive: " + e.getMessage());
        }
        return new IllegalStateException("storing the uploaded archive failed: " + e.getMessage(), e);
    }

    private static ImageReference nameOf(String tag, ImageArchive.SelectedImage image) {
        String text = tag;
        if (text == null || text.isBlank()) {
            List<String> full = image.names().stream().filter(n -> n.contains(":") || n.contains("/")).toList();
            if (full.size() != 1) {
                throw ApiException.badRequest(full.isEmpty()
                        ? "the archive does not name its image; give the name to record it under with the tag parameter"
                        : "the archive names the image " + String.join(", ", full) + "; choose one with the tag parameter");
            }
            text = full.getFirst();
        }
        try {
            ImageReference ref = ImageReference.parse(text);
            if (ref.digest() != null) {
                throw ApiException.badRequest("tag must be a tag reference, not a digest: " + text);
            }
            return ref;
        } catch (InvalidImageReferenceException e) {
            throw ApiException.badRequest("invalid image reference: " + e.getMessage());
        }
    }

    private void copyIntoStore(ImageArchive archive, ImageArchive.SelectedImage image) throws IOException {
        if (store.exists(ArchivedImages.manifestKey(image.digest()))) {
            return;
        }
        for (ImageArchive.Blob blob : concat(image.config(), image.layers())) {
            String what = "blob " + blob.digest() + " in the archive";
            try (var in = new Sha256CheckingInputStream(archive.open(blob), blob.digest(), what)) {
                store.put(ArchivedImages.blobKey(image.digest(), blob.digest()), in, blob.size());
            } catch (ObjectTooLargeException e) {
                throw new ArchiveException(what + " is larger than its descriptor says (" + blob.size() + " bytes)");
            }
        }
        if (image.parentBytes() != null) {
            store.put(ArchivedImages.indexKey(image.digest()), new ByteArrayInputStream(image.parentBytes()),
                    image.parentBytes().length);
        }
        store.put(ArchivedImages.manifestKey(image.digest()), new ByteArrayInputStream(image.manifestBytes()),
                image.manifestBytes().length);
    }

    private static List<ImageArchive.Blob> concat(ImageArchive.Blob first, List<ImageArchive.Blob> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
