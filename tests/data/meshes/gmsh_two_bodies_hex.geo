// Two bodies (tendon and scar) sharing an interface, structured hex mesh.
SetFactory("OpenCASCADE");
Box(1) = {0,0,0, 1,1,1};
Box(2) = {1,0,0, 1,1,1};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2}; Delete; }
Transfinite Curve{:} = 3;
Transfinite Surface{:};
Recombine Surface{:};
Transfinite Volume{:};
Physical Volume("tendon") = {1};
Physical Volume("scar") = {2};
Physical Surface("interface") = {Surface In BoundingBox{0.9,-0.1,-0.1, 1.1,1.1,1.1}};
Physical Surface("proximal") = {Surface In BoundingBox{-0.1,-0.1,-0.1, 0.1,1.1,1.1}};
Physical Surface("distal") = {Surface In BoundingBox{1.9,-0.1,-0.1, 2.1,1.1,1.1}};
