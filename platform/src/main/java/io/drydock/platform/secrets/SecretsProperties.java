package io.drydock.platform.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the keys of secrets at rest come from (besides {@code DRYDOCK_SECRET_KEY} and
 * {@code DRYDOCK_SECRET_KEY_PREVIOUS}, read as they are named).
 *
 * @param keyFile          a file holding the current key (base64 of 32 bytes), e.g. a mounted Kubernetes secret
 * @param previousKeyFiles files holding keys that values may still be encrypted under, read until a rotation has
 *                         re-encrypted them
 * @param createKeyFile    generate {@code keyFile} (mode 0600) when it does not exist: the all-in-one runtime's
 *                         zero-configuration start; off for distributed services, which must share one key
 */
@ConfigurationProperties("drydock.secrets")
public record SecretsProperties(Path keyFile, @DefaultValue List<Path> previousKeyFiles,
                                @DefaultValue("false") boolean createKeyFile) {
}
