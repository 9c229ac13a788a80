// Loaded as a classic script at the start of <body>, before the page paints, so
// that GOV.UK Frontend's JavaScript-only styles apply without a flash. It lives in
// a file because the Content-Security-Policy forbids inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
