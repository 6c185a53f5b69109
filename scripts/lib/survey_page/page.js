// Posts the form as JSON with an Idempotency-Key; a resubmit after a network error reuses the key,
// so the gateway stores the answer once however often the phone retries.
(function () {
  const form = document.getElementById("survey");
  const result = document.getElementById("result");
  let key = null;

  function clearErrors() {
    for (const e of document.querySelectorAll(".error")) e.textContent = "";
  }

  function value(input) {
    const type = input.dataset.type;
    if (type === "boolean") return input.checked;
    if (input.value === "") return undefined;
    if (type === "number" || type === "integer") return Number(input.value);
    return input.value;
  }

  function showError(location, message) {
    const top = "/" + (location || "").split("/")[1];
    const slot = document.querySelector(`.error[data-for="${CSS.escape(top)}"]`) || document.getElementById("error-form");
    slot.textContent = (slot.textContent ? slot.textContent + "; " : "") + message;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    result.textContent = "";
    const doc = {};
    for (const input of form.querySelectorAll("input[name]")) {
      const v = value(input);
      if (v !== undefined) doc[input.name] = v;
    }
    key = key || crypto.randomUUID();
    let response;
    try {
      response = await fetch(ESPROXY.api, {
        method: "POST",
        headers: {"Content-Type": "application/json", "Idempotency-Key": `"${key}"`},
        body: JSON.stringify(doc),
      });
    } catch (e) {
      result.dataset.state = "network-error";
      result.textContent = "Could not reach the server; press Send again to retry (the answer is stored once).";
      return;
    }
    const answer = await response.json().catch(() => ({}));
    key = null;  // the server decided: a new answer gets a new key
    if (response.ok) {
      result.dataset.state = "stored";
      result.dataset.id = answer.id;
      result.textContent = `Stored as ${answer.id}`;
      return;
    }
    result.dataset.state = "refused";
    result.textContent = `Refused: ${answer.message || response.status}`;
    for (const d of answer.details || []) showError(d.instanceLocation, d.message);
  });
})();
