package alx.reportapi.api;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an action that takes no request body: {@link NoRequestBodyFilter} refuses one that is
 * sent anyway (an empty JSON object aside), so that a client whose body was meant for something
 * else learns it before anything happens.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NoRequestBody {
}
