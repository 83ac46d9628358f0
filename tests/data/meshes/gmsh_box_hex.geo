// Single hex with physical volume, surfaces, point and unnamed curve.
SetFactory("OpenCASCADE");
Box(1) = {0,0,0, 2,1,1};
Transfinite Curve{:} = 2;
Transfinite Surface{:};
Recombine Surface{:};
Transfinite Volume{1};
Physical Volume("tendon") = {1};
Physical Surface("proximal") = {1};
Physical Surface("distal") = {2};
Physical Point("tip") = {1};
Physical Curve(7) = {1};
