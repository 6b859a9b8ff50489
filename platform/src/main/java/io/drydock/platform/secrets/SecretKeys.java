package io.drydock.platform.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the secret keys come from: {@code DRYDOCK_SECRET_KEY} (base64 of 32 bytes) or a key file (a mounted secret),
 * never the repository; previous keys from {@code DRYDOCK_SECRET_KEY_PREVIOUS} (comma-separated) and
 * {@code drydock.secrets.previous-key-files}. When both the variable and the key file are given, the variable's key is
 * current and the file's is read as a previous one, so that moving off a generated key file re-encrypts instead of
 * losing what it protects.
 */
public final class SecretKeys {

    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    static final String HOW_TO_CONFIGURE = "set DRYDOCK_SECRET_KEY to the base64 of 32 random bytes "
            + "('openssl rand -base64 32'), or drydock.secrets.key-file to a file holding it (e.g. a mounted secret); "
            + "every service that reads registry credentials (api-gateway, analyzer-worker) needs the same key";

    private SecretKeys() {
    }

    /**
     * @param properties     the {@code drydock.secrets.*} settings
     * @param keyVariable    the value of {@code DRYDOCK_SECRET_KEY}, blank when unset
     * @param previousVariable the value of {@code DRYDOCK_SECRET_KEY_PREVIOUS}, blank when unset
     */
    public static SecretCipher load(SecretsProperties properties, String keyVariable, String previousVariable) {
        List<EncryptionKey> previous = new ArrayList<>();
        if (previousVariable != null) {
            for (String part : previousVariable.split(",")) {
                if (!part.isBlank()) {
                    previous.add(EncryptionKey.parse(part, "DRYDOCK_SECRET_KEY_PREVIOUS"));
                }
            }
        }
        for (Path file : properties.previousKeyFiles()) {
            previous.add(read(file, "drydock.secrets.previous-key-files"));
        }
        Path keyFile = properties.keyFile();
        EncryptionKey current;
        String source;
        if (keyVariable != null && !keyVariable.isBlank()) {
            current = EncryptionKey.parse(keyVariable, "DRYDOCK_SECRET_KEY");
            source = "DRYDOCK_SECRET_KEY";
            if (keyFile != null && Files.exists(keyFile)) {
                previous.add(read(keyFile, "drydock.secrets.key-file"));
            }
        } else if (keyFile != null) {
            if (!Files.exists(keyFile) && properties.createKeyFile()) {
                create(keyFile);
            }
            current = read(keyFile, "drydock.secrets.key-file");
            source = keyFile.toString();
        } else {
            log.info("No secret key configured; secrets cannot be stored or read by this service");
            return SecretCipher.withoutKey(previous, HOW_TO_CONFIGURE);
        }
        SecretCipher cipher = SecretCipher.of(current, previous);
        log.info("Secrets are encrypted under key {} from {}; {} previous keys readable", current.id(), source,
                cipher.keyIds().size() - 1);
        return cipher;
    }

    /** Reads a key file: the base64 of 32 bytes; a missing or malformed file is an error naming the file. */
    static EncryptionKey read(Path file, String setting) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the secret key file " + file + " (" + setting + "): "
                    + e.getMessage(), e);
        }
        try {
            return EncryptionKey.parse(text, "the file " + file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + " (" + setting + ")", e);
        }
    }

    /**
     * Generates a key into a file readable by its owner alone (mode 0600, set as the file is created so that it is
     * never readable by others). A file that appears meanwhile (another process won the race) is kept.
     */
    static void create(Path file) {
        byte[] material = new byte[EncryptionKey.LENGTH];
        new SecureRandom().nextBytes(material);
        EncryptionKey key = EncryptionKey.of(material);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key.encoded() + "\n", StandardCharsets.US_ASCII);
            log.info("Generated secret key {} into {}; keep this file: stored registry passwords need it", key.id(), file);
        } catch (FileAlreadyExistsException e) {
            log.debug("Secret key file {} appeared while generating one; using it", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the secret key file " + file, e);
        }
    }
}
