package alx.reportapi.admin;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Installs {@link ExpiredAndProtectedViews} in front of the Faces implementation's handler (faces-config.xml). */
public class ExpiredAndProtectedViewsFactory extends ExceptionHandlerFactory {

    public ExpiredAndProtectedViewsFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ExpiredAndProtectedViews(getWrapped().getExceptionHandler());
    }
}
