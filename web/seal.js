'use strict';
(async () => {
  await GW.start('seal.html');
  const r = await GW.api('/api/seal');
  const tb = document.querySelector('#uses tbody');
  for (const u of r.uses) tb.append(GW.el('tr', {}, GW.el('td', { text: u.at }), GW.el('td', { text: u.number }), GW.el('td', { text: u.title }),
    GW.el('td', { text: u.seal }), GW.el('td', { text: u.approver }), GW.el('td', { text: u.keeper }), GW.el('td', { text: String(u.copies) })));
})();
