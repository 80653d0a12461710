% Decodes the UVP6 CTS5 files of one directory with the Coriolis decoder's own functions (copies in
% test/fixtures/decargo), as its cycle processing does: per sensor id, manage_split_files groups and joins the
% #01, #02, ... parts (concat_files, into <dir>/tmp/), then decode_apmt_uvp decodes each file. Prints one line
% per file ("FILE,<name>,<parts joined>") and per record ("REC,<LPM|BLK|TXO>,<phase>,<processing>,<values>"),
% the values as the decoder's data row with %.17g (exact for its doubles and float32 counts), trailing NaN
% (the unused end of its fixed-width row) left out.
% Written for this project's tests (uvp-float); not part of decArgo.
function coriolis_decode_dir(dirPath)
  global g_decArgo_dateDef g_decArgo_janFirst1950InMatlab g_decArgo_janFirst1970InJulD;
  global g_decArgo_cts5PhaseDescent g_decArgo_cts5PhasePark g_decArgo_cts5PhaseDeepProfile;
  global g_decArgo_cts5PhaseShortPark g_decArgo_cts5PhaseAscent g_decArgo_cts5PhaseSurface;
  global g_decArgo_cts5Treat_AM_SD_MD g_decArgo_cts5Treat_AM_SD g_decArgo_cts5Treat_AM_MD g_decArgo_cts5Treat_RW;
  global g_decArgo_cts5Treat_AM g_decArgo_cts5Treat_SS g_decArgo_cts5Treat_DW;
  global g_decArgo_floatNum g_decArgo_cycleNumFloat g_decArgo_patternNumFloat g_decArgo_unusedDirectory;
  % Values of the decoder's init_default_values.m (test/fixtures/decargo/README.md).
  g_decArgo_dateDef = 99999.99999999;
  g_decArgo_janFirst1950InMatlab = datenum('1950-01-01 00:00:00', 'yyyy-mm-dd HH:MM:SS');
  g_decArgo_janFirst1970InJulD = gregorian_2_julian_dec_argo('1970/01/01 00:00:00');
  g_decArgo_cts5PhaseDescent = 1; g_decArgo_cts5PhasePark = 2; g_decArgo_cts5PhaseDeepProfile = 3;
  g_decArgo_cts5PhaseShortPark = 4; g_decArgo_cts5PhaseAscent = 5; g_decArgo_cts5PhaseSurface = 6;
  g_decArgo_cts5Treat_AM_SD_MD = 1; g_decArgo_cts5Treat_AM_SD = 2; g_decArgo_cts5Treat_AM_MD = 3;
  g_decArgo_cts5Treat_RW = 4; g_decArgo_cts5Treat_AM = 5; g_decArgo_cts5Treat_SS = 6; g_decArgo_cts5Treat_DW = 7;
  g_decArgo_floatNum = 0; g_decArgo_cycleNumFloat = 0; g_decArgo_patternNumFloat = 0;
  g_decArgo_unusedDirectory = [dirPath '/unused'];
  mkdir([dirPath '/tmp']);
  printf('JAN1970,%.17g\n', g_decArgo_janFirst1970InJulD);
  % One sensor id per call, as the decoder's file tables list them (its concat step indexes the last pattern's list).
  sensors = {'uvp6_lpm', 'uvp6_txo', 'uvp6_blk'};
  for s = 1:numel(sensors)
    files = manage_split_files({[dirPath '/']}, {['*_' sensors{s} '*.hex']}, 0);
    for f = 1:size(files, 1)
      printf('FILE,%s,%d\n', files{f, 1}, numel(files{f, 2}(~cellfun(@isempty, files{f, 2}))));
      [lpm, lpmV2, blk, blkV2, taxoV2] = decode_apmt_uvp({files{f, 1}, files{f, 2}, files{f, 3}, files{f, 4}});
      print_groups('LPM', lpmV2);
      print_groups('BLK', blkV2);
      print_groups('TXO', taxoV2);
    end
  end
end

function print_groups(kind, groups)
  for g = 1:numel(groups)
    grp = groups{g};
    for r = 1:size(grp.data, 1)
      row = grp.data(r, :);
      last = find(~isnan(row), 1, 'last');
      row = row(1:last);
      printf('REC,%s,%s,%s%s\n', kind, grp.phase, grp.treat, sprintf(',%.17g', row));
    end
  end
end
