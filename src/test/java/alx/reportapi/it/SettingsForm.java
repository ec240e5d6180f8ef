package alx.reportapi.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin settings form as the server rendered it: its fields, their values and its view state. */
final class SettingsForm {

    private static final Pattern SETTINGS_LINK = Pattern.compile("href=\"[^\"]*?(admin/settings\\.xhtml[^\"]*)\"");
    private static final Pattern TEXT_FIELD = Pattern.compile(
            "<input[^>]*?name=\"(settings:fields:\\d+:value)\"[^>]*>");
    private static final Pattern CHOICE_FIELD = Pattern.compile(
            "<select[^>]*?name=\"(settings:fields:\\d+:choice)\"[^>]*>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option[^>]*value=\"([^\"]*)\"[^>]*selected");
    private static final Pattern DATA_SETTING = Pattern.compile("data-setting=\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\\svalue=\"([^\"]*)\"");

    private final Map<String, String[]> textFields = new LinkedHashMap<>();
    private final Map<String, String[]> choiceFields = new LinkedHashMap<>();
    private static final Pattern ACTION = Pattern.compile("<form id=\"settings\"[^>]*?action=\"[^\"]*?(admin/settings\\.xhtml[^\"]*)\"");
    private final String viewState;
    private final String action;

    private SettingsForm(String html) {
        Matcher text = TEXT_FIELD.matcher(html);
        while (text.find()) {
            String tag = text.group();
            textFields.put(find(DATA_SETTING, tag), new String[] {text.group(1), find(VALUE, tag)});
        }
        Matcher choice = CHOICE_FIELD.matcher(html);
        while (choice.find()) {
            String before = html.substring(Math.max(0, choice.start() - 600), choice.start());
            Matcher setting = DATA_SETTING.matcher(before);
            String name = null;
            while (setting.find()) {
                name = setting.group(1);
            }
            choiceFields.put(name, new String[] {choice.group(1), find(SELECTED, choice.group(2))});
        }
        viewState = AdminHttpSession.viewState(html);
        action = find(ACTION, html).replace("&amp;", "&");
    }

    /** Opens the form through the admin page's link, which carries the protected view's token. */
    static SettingsForm open(AdminHttpSession admin) throws IOException, InterruptedException {
        Matcher link = SETTINGS_LINK.matcher(admin.get("admin/index.xhtml").body());
        if (!link.find()) {
            throw new IllegalStateException("no settings link on the admin page");
        }
        HttpResponse<String> page = admin.get(link.group(1).replace("&amp;", "&"));
        if (page.statusCode() != 200) {
            throw new IllegalStateException("the settings page answered " + page.statusCode());
        }
        return new SettingsForm(page.body());
    }

    Map<String, String[]> textFields() {
        return textFields;
    }

    Map<String, String[]> choiceFields() {
        return choiceFields;
    }

    /** Posts the form with every field as shown except {@code setting}, which gets {@code value}. */
    HttpResponse<String> submit(AdminHttpSession admin, String setting, String value)
            throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("settings", "settings");
        textFields.forEach((name, field) -> fields.put(field[0], name.equals(setting) ? value : field[1]));
        choiceFields.forEach((name, field) -> fields.put(field[0], name.equals(setting) ? value : field[1]));
        fields.put("settings:save", "Save");
        fields.put("jakarta.faces.ViewState", viewState);
        return admin.postForm(action, fields);
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return matcher.group(1);
    }
}
