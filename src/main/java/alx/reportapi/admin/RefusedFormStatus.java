package alx.reportapi.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;

/**
 * A form refused by validation answers 400, with the page that says at each field what was wrong:
 * the browser shows the same page, and a script or a proxy sees from the status alone that
 * nothing was done. Ajax requests keep 200, since Faces' script treats any other status of a
 * partial response as a transport failure and would not show the messages.
 */
public class RefusedFormStatus implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (faces.isValidationFailed() && faces.isPostback() && !faces.getPartialViewContext().isAjaxRequest()) {
            faces.getExternalContext().setResponseStatus(400);
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        // nothing after rendering
    }
}
