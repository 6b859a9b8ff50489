package io.drydock.gateway.registry;

import io.drydock.platform.secrets.SecretCipher;
import io.drydock.platform.secrets.SecretRotation;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The gateway stores registry passwords, so it refuses to start without a secret key; once started it re-encrypts
 * whatever is still under a previous key (ADR 12), so rotating the key is: configure the new key with the old one as
 * previous, restart the gateway, then drop the old key.
 */
@Component
public class SecretsAtStart implements InitializingBean, ApplicationRunner {

    private final SecretCipher cipher;
    private final SecretRotation rotation;

    public SecretsAtStart(SecretCipher cipher, SecretRotation rotation) {
        this.cipher = cipher;
        this.rotation = rotation;
    }

    @Override
    public void afterPropertiesSet() {
        cipher.requireKey("api-gateway (it stores registry passwords encrypted)");
    }

    @Override
    public void run(ApplicationArguments args) {
        rotation.rotate();
    }
}
