// "Les opp": reads an offer aloud with the browser's own speech synthesis (no outside
// service). The button stays hidden where the browser cannot speak or JavaScript is
// off. Each part marked data-read-aloud is read in its own language: the nearest lang
// attribute, so a bokmål text on a nynorsk page is read as bokmål.
(function () {
  "use strict";

  function languageOf(element) {
    var marked = element.closest("[lang]");
    return marked ? marked.getAttribute("lang") : document.documentElement.lang;
  }

  function textOf(element) {
    return (element.innerText || element.textContent || "").replace(/\s+/g, " ").trim();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelector("[data-read-aloud-controls]");
    if (!controls || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
      return;
    }
    var root = controls.closest("[data-read-aloud-root]") || document;
    var button = controls.querySelector("[data-read-aloud-button]");
    var readLabel = button.textContent;
    var stopLabel = button.getAttribute("data-label-stop");
    var speech = window.speechSynthesis;
    var speaking = false;

    function show(isSpeaking) {
      speaking = isSpeaking;
      button.textContent = isSpeaking ? stopLabel : readLabel;
    }

    function read() {
      var parts = Array.prototype.slice.call(root.querySelectorAll("[data-read-aloud]"));
      var utterances = parts
        .map(function (part) {
          var text = textOf(part);
          if (!text) {
            return null;
          }
          var utterance = new window.SpeechSynthesisUtterance(text);
          utterance.lang = languageOf(part);
          return utterance;
        })
        .filter(Boolean);
      if (!utterances.length) {
        return;
      }
      utterances[utterances.length - 1].addEventListener("end", function () {
        show(false);
      });
      utterances.forEach(function (utterance) {
        utterance.addEventListener("error", function () {
          show(false);
        });
      });
      speech.cancel();
      utterances.forEach(function (utterance) {
        speech.speak(utterance);
      });
      show(true);
    }

    button.addEventListener("click", function () {
      if (speaking) {
        speech.cancel();
        show(false);
      } else {
        read();
      }
    });
    window.addEventListener("pagehide", function () {
      speech.cancel();
    });
    show(false);
    controls.hidden = false;
  });
})();
