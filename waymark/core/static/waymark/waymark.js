// Waymark's page script, loaded as <script type="module">: it starts the
// GOV.UK Frontend and MOJ Frontend components on the page. Nothing runs inline,
// so the Content-Security-Policy can forbid inline script.
import { initAll as initGovUkFrontend } from "../govuk/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "../moj/moj-frontend.min.js";

// js-enabled.js sets these classes before the page paints; this is a fallback.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

initGovUkFrontend();
initMojFrontend();

// htmx fires "htmx:load" on each fragment it swaps in: start the components inside
// it. (It also fires once for <body> at page load, which is already done above.)
document.addEventListener("htmx:load", (event) => {
  const fragment = event.target;
  if (!(fragment instanceof Element) || fragment === document.body) {
    return;
  }
  initGovUkFrontend({ scope: fragment });
  initMojFrontend({ scope: fragment });
});
