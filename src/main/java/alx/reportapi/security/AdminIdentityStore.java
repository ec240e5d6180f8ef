package alx.reportapi.security;

import alx.reportapi.Plugin;
import alx.reportapi.api.OpsAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Checks the admin login against {@link AdminCredentials}. A wrong user name costs the same
 * PBKDF2 work as a wrong password, and both compare in constant time, so neither timing nor
 * messages tell which of the two was wrong.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(AdminIdentityStore.class.getName());

    @Inject
    AdminCredentials credentials;

    @Inject
    LoginThrottle throttle;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String user = credential.getCaller();
        if (throttle.secondsLocked(user) > 0) {
            LOG.warning(() -> Plugin.LOG_PREFIX + "admin login refused: too many failed attempts for this name");
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (credentials.hash().isEmpty()) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        boolean userMatches = MessageDigest.isEqual(bytes(credentials.user()), bytes(user));
        PasswordHash hash = userMatches ? credentials.hash().get() : credentials.decoy();
        boolean passwordMatches = hash.matches(credential.getPassword().getValue());
        if (userMatches && passwordMatches) {
            throttle.succeeded(user);
            LOG.info(() -> Plugin.LOG_PREFIX + "admin '" + credentials.user() + "' logged in");
            return new CredentialValidationResult(credentials.user(), Set.of(OpsAccess.ADMIN_ROLE));
        }
        throttle.failed(user);
        LOG.warning(Plugin.LOG_PREFIX + "admin login failed (wrong user name or password)");
        return CredentialValidationResult.INVALID_RESULT;
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
